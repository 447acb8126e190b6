package io.lecturelab.gradebook.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.TextField;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.base.ui.StreamedUpload;
import io.lecturelab.gradebook.GradebookService;
import io.lecturelab.gradebook.ImportPreview;
import io.lecturelab.gradebook.ImportProblem;
import io.lecturelab.gradebook.ImportResult;
import io.lecturelab.gradebook.Mark;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ui.CurrentUser;

import java.io.InputStream;
import java.util.List;

/**
 * Scores from a CSV file (student number, item, points[, excused]): the file is previewed first — every change
 * old → new, and every refused line with its number — and applied all or nothing, with one reason for all of it.
 */
class ImportPanel extends Details {

    static final int MAX_BYTES = 1024 * 1024;

    private record Read(byte[] csv, ImportPreview preview) {
    }

    private final GradebookService gradebook;
    private final long courseId;
    private final CurrentUser currentUser;
    private final Runnable applied;
    private final Div result = new Div();

    ImportPanel(GradebookService gradebook, long courseId, CurrentUser currentUser, Runnable applied) {
        this.gradebook = gradebook;
        this.courseId = courseId;
        this.currentUser = currentUser;
        this.applied = applied;
        setSummaryText(getTranslation("gradebook.import.title"));
        setId("gradebook-import");
        addClassName("gb-import");
        SignedInUser staff = currentUser.require();
        result.setId("gradebook-import-result");
        add(new Paragraph(getTranslation("gradebook.import.help")),
                StreamedUpload.of("gradebook-import-upload", MAX_BYTES, new StreamedUpload.Texts(
                                getTranslation("upload.add"), getTranslation("upload.drop"),
                                getTranslation("gradebook.import.tooLarge", MAX_BYTES / 1024),
                                getTranslation("gradebook.import.notCsv")),
                        (InputStream in, String name) -> {
                            byte[] csv = in.readNBytes(MAX_BYTES + 1);
                            if (csv.length > MAX_BYTES) {
                                throw new UserFacingException("gradebook.import.tooLarge", MAX_BYTES / 1024);
                            }
                            return new Read(csv, gradebook.previewImport(courseId, csv, staff));
                        }, this::show, ".csv", "text/csv"),
                result);
    }

    private void show(Read read) {
        result.removeAll();
        ImportPreview preview = read.preview();
        if (!preview.clean()) {
            result.add(new Paragraph(getTranslation("gradebook.import.refused", preview.problems().size())));
            result.add(problems(preview.problems()));
            return;
        }
        if (preview.changes().isEmpty()) {
            result.add(new Paragraph(getTranslation("gradebook.import.nothing", preview.unchanged())));
            return;
        }
        result.add(new Paragraph(getTranslation("gradebook.import.preview", preview.changes().size(),
                preview.unchanged())));
        UnorderedList changes = new UnorderedList();
        changes.setId("gradebook-import-changes");
        changes.addClassName("gb-import-list");
        for (ImportPreview.Change c : preview.changes()) {
            changes.add(new ListItem(getTranslation("gradebook.import.change", c.line(), c.studentNumber(),
                    c.studentName(), c.itemTitle(), text(c.before()), text(c.after()))));
        }
        result.add(changes);
        TextField reason = new TextField(getTranslation("gradebook.import.reason"));
        reason.setId("gradebook-import-reason");
        reason.setMaxLength(500);
        reason.setWidthFull();
        boolean corrections = preview.changes().stream().anyMatch(c -> !c.before().isEmpty() || c.after().excused());
        reason.setRequired(corrections);
        reason.setHelperText(getTranslation(corrections ? "gradebook.import.reasonNeeded"
                : "gradebook.import.reasonOptional"));
        Button apply = new Button(getTranslation("gradebook.import.apply", preview.changes().size()), e -> {
            try {
                ImportResult done = gradebook.applyImport(courseId, read.csv(), preview, reason.getValue(),
                        currentUser.require());
                if (!done.applied()) {
                    result.removeAll();
                    result.add(new Paragraph(getTranslation("gradebook.import.notApplied")), problems(done.problems()));
                    return;
                }
                result.removeAll();
                Notifications.success(getTranslation("gradebook.saved", done.changed()));
                applied.run();
            } catch (UserFacingException refusal) {
                reason.setInvalid(true);
                reason.setErrorMessage(Notifications.describe(refusal));
            }
        });
        apply.setId("gradebook-import-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        result.add(reason, apply);
    }

    private UnorderedList problems(List<ImportProblem> problems) {
        UnorderedList list = new UnorderedList();
        list.setId("gradebook-import-problems");
        list.addClassName("gb-import-list");
        for (ImportProblem p : problems) {
            String message = getTranslation(p.messageKey(), p.arguments().toArray());
            list.add(new ListItem(p.line() == 0 ? message : getTranslation("gradebook.import.line", p.line(),
                    message)));
        }
        return list;
    }

    private String text(Mark mark) {
        return mark.isEmpty() ? getTranslation("gradebook.mark.none") : Marks.text(this, mark);
    }
}
