package io.lecturelab.coursework.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.base.ui.Pickers;
import io.lecturelab.coursework.AssignmentDraft;
import io.lecturelab.coursework.AssignmentKind;
import io.lecturelab.coursework.Rubric;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Staff's form for an assignment. Dates are entered in the course's time zone, to the minute; the minute named is
 * the last one that counts as on time.
 */
class AssignmentForm extends FormLayout {

    private final ZoneId zone;
    private final Select<AssignmentKind> kind = new Select<>();
    private final TextField title = new TextField();
    private final TextArea instructions = new TextArea();
    private final IntegerField points = new IntegerField();
    private final DateTimePicker due;
    private final DateTimePicker cutoff;
    private final IntegerField penalty = new IntegerField();
    private final IntegerField regradeDays = new IntegerField();
    private final TextArea rubric = new TextArea();
    private final Checkbox published = new Checkbox();
    private final int version;

    AssignmentForm(ZoneId zone, Optional<AssignmentDraft> existing, Consumer<AssignmentDraft> save) {
        this.zone = zone;
        addClassName("cw-form");
        kind.setLabel(getTranslation("assignment.kind"));
        kind.setItems(AssignmentKind.values());
        kind.setItemLabelGenerator(k -> Texts.kind(this, k));
        kind.setId("assignment-kind");
        title.setLabel(getTranslation("assignment.title"));
        title.setMaxLength(200);
        title.setRequired(true);
        title.setId("assignment-title");
        instructions.setLabel(getTranslation("assignment.instructions"));
        instructions.setHelperText(getTranslation("assignment.instructionsHelp"));
        instructions.setId("assignment-instructions");
        points.setLabel(getTranslation("assignment.pointsLabel"));
        points.setMin(1);
        points.setMax(1000);
        points.setStepButtonsVisible(true);
        points.setId("assignment-points");
        due = Pickers.dateTime(getTranslation("assignment.dueLabel", zone.getId()));
        due.setHelperText(getTranslation("assignment.dueHelp"));
        due.setId("assignment-due");
        cutoff = Pickers.dateTime(getTranslation("assignment.cutoffLabel", zone.getId()));
        cutoff.setHelperText(getTranslation("assignment.cutoffHelp"));
        cutoff.setId("assignment-cutoff");
        penalty.setLabel(getTranslation("assignment.penaltyLabel"));
        penalty.setHelperText(getTranslation("assignment.penaltyHelp"));
        penalty.setMin(0);
        penalty.setMax(100);
        penalty.setId("assignment-penalty");
        regradeDays.setLabel(getTranslation("assignment.regradeDaysLabel"));
        regradeDays.setMin(0);
        regradeDays.setMax(60);
        regradeDays.setId("assignment-regrade-days");
        rubric.setLabel(getTranslation("assignment.rubric"));
        rubric.setHelperText(getTranslation("assignment.rubricHelp"));
        rubric.setId("assignment-rubric");
        published.setLabel(getTranslation("assignment.publishedLabel"));
        published.setId("assignment-published");

        AssignmentDraft start = existing.orElse(null);
        version = start == null ? 0 : start.version();
        kind.setValue(start == null ? AssignmentKind.HOMEWORK : start.kind());
        title.setValue(start == null ? "" : start.title());
        instructions.setValue(start == null ? "" : start.instructions());
        points.setValue(start == null ? 100 : start.points());
        due.setValue(start == null ? null : local(start.dueAt()));
        cutoff.setValue(start == null ? null : start.cutoffAt().map(this::local).orElse(null));
        penalty.setValue(start == null ? 0 : start.latePenaltyPercent());
        regradeDays.setValue(start == null ? 7 : start.regradeDays());
        rubric.setValue(start == null ? "" : start.rubric().text());
        published.setValue(start != null && start.published());

        Button saveButton = new Button(getTranslation(start == null ? "assignment.create" : "assignment.save"),
                e -> {
                    try {
                        save.accept(draft());
                    } catch (UserFacingException refusal) {
                        Notifications.error(refusal);
                    }
                });
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        saveButton.setId("assignment-save");
        add(kind, title, points, due, cutoff, penalty, regradeDays, published);
        add(instructions, 2);
        add(rubric, 2);
        add(saveButton);
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("700px", 2));
    }

    private AssignmentDraft draft() {
        return new AssignmentDraft(kind.getValue(), title.getValue(), instructions.getValue(),
                points.getValue() == null ? 0 : points.getValue(), instant(due.getValue()),
                Optional.ofNullable(instant(cutoff.getValue())),
                penalty.getValue() == null ? 0 : penalty.getValue(),
                regradeDays.getValue() == null ? 0 : regradeDays.getValue(), Rubric.parse(rubric.getValue()),
                published.getValue(), version);
    }

    private LocalDateTime local(Instant at) {
        return LocalDateTime.ofInstant(at, zone);
    }

    private Instant instant(LocalDateTime local) {
        return local == null ? null : local.atZone(zone).toInstant();
    }
}
