package io.lecturelab.coursework.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.base.ui.Pickers;
import io.lecturelab.coursework.AssignmentService;
import io.lecturelab.coursework.DeadlineText;
import io.lecturelab.coursework.ExtensionView;
import io.lecturelab.coursework.GradingService;
import io.lecturelab.coursework.SubmissionRow;
import io.lecturelab.security.SignedInUser;

import java.time.ZoneId;
import java.util.Optional;

/** Staff: extensions of one assignment for single students (or teams), with the form to grant one. */
class ExtensionsPanel extends Div {

    private final long courseId;
    private final long assignmentId;
    private final ZoneId zone;
    private final AssignmentService assignments;
    private final GradingService grading;
    private final SignedInUser staff;
    private final Div list = new Div();

    ExtensionsPanel(long courseId, long assignmentId, ZoneId zone, AssignmentService assignments,
                    GradingService grading, SignedInUser staff) {
        this.courseId = courseId;
        this.assignmentId = assignmentId;
        this.zone = zone;
        this.assignments = assignments;
        this.grading = grading;
        this.staff = staff;
        setId("extensions");
        ComboBox<SubmissionRow> who = new ComboBox<>(getTranslation("assignment.extensionFor"));
        who.setItems(grading.overview(courseId, assignmentId, staff));
        who.setItemLabelGenerator(r -> r.name() + " (" + r.number() + ")");
        who.setId("extension-who");
        DateTimePicker due = Pickers.dateTime(getTranslation("assignment.dueLabel", zone.getId()));
        due.setId("extension-due");
        DateTimePicker cutoff = Pickers.dateTime(getTranslation("assignment.cutoffLabel", zone.getId()));
        cutoff.setId("extension-cutoff");
        TextField reason = new TextField(getTranslation("assignment.extensionReason"));
        reason.setMaxLength(500);
        reason.setId("extension-reason");
        Button grant = new Button(getTranslation("assignment.extensionGrant"), e -> {
            try {
                if (who.getValue() == null || due.getValue() == null) {
                    throw new UserFacingException("assignment.error.extensionIncomplete");
                }
                assignments.grantExtension(courseId, assignmentId, who.getValue().owner(),
                        due.getValue().atZone(zone).toInstant(),
                        Optional.ofNullable(cutoff.getValue()).map(c -> c.atZone(zone).toInstant()),
                        reason.getValue(), staff);
                Notifications.success(getTranslation("assignment.extensionGranted", who.getValue().name()));
                show();
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        grant.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grant.setId("extension-grant");
        Div form = new Div(who, due, cutoff, reason, grant);
        form.addClassName("cw-inline-form");
        add(list, form);
        show();
    }

    private void show() {
        list.removeAll();
        var all = assignments.extensions(courseId, assignmentId, staff);
        if (all.isEmpty()) {
            list.add(new Span(getTranslation("assignment.noExtensions")));
        }
        for (ExtensionView e : all) {
            Button revoke = new Button(VaadinIcon.TRASH.create(), click -> {
                assignments.revokeExtension(courseId, assignmentId, e.owner(), staff);
                show();
            });
            revoke.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
            revoke.setAriaLabel(getTranslation("assignment.extensionRevoke", e.ownerName()));
            Div line = new Div(new Span(e.ownerName()), new Span(getTranslation("assignment.due",
                    DeadlineText.at(e.deadline().due(), zone, getLocale()))), new Span(e.reason()), revoke);
            line.addClassName("cw-file");
            list.add(line);
        }
    }
}
