package io.lecturelab.coursework.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.base.ui.StreamedUpload;
import io.lecturelab.coursework.HandIn;
import io.lecturelab.coursework.Receipt;
import io.lecturelab.coursework.StagedFile;
import io.lecturelab.coursework.SubmissionService;
import io.lecturelab.lab.LabRun;
import io.lecturelab.security.SignedInUser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A student's hand-in of a programming homework: a Colab or GitHub link and/or files (uploaded one by one and kept
 * on the server until Submit), optionally one of their finished lab runs. Each Submit makes a new version.
 */
class HandInPanel extends Div {

    private final List<StagedFile> staged = new ArrayList<>();
    private final Div stagedList = new Div();

    HandInPanel(long courseId, long assignmentId, SubmissionService submissions, SignedInUser student,
                Consumer<Receipt> submitted) {
        addClassName("cw-panel");
        setId("handin");
        add(new H3(getTranslation("submission.handIn")));
        add(new Paragraph(getTranslation("submission.handInHelp", submissions.maxFileBytes()
                / (1024 * 1024))));
        TextField link = new TextField(getTranslation("submission.linkLabel"));
        link.setHelperText(getTranslation("submission.linkHelp"));
        link.setPlaceholder("https://colab.research.google.com/drive/…");
        link.setWidthFull();
        link.setMaxLength(500);
        link.setId("handin-link");

        int max = submissions.maxFileBytes();
        String[] types = SubmissionService.fileTypes().stream().sorted().map(t -> "." + t).toArray(String[]::new);
        Upload upload = StreamedUpload.of("handin-upload", max, new StreamedUpload.Texts(
                        getTranslation("submission.addFile"), getTranslation("submission.dropFile"),
                        getTranslation("submission.error.fileSize", max / (1024 * 1024)),
                        getTranslation("submission.error.fileType", String.join(", ", types))),
                (in, name) -> submissions.stage(courseId, assignmentId, name, in, student),
                file -> {
                    staged.add(file);
                    showStaged(submissions, student);
                }, types);
        stagedList.setId("handin-staged");
        stagedList.addClassName("cw-staged");

        Select<LabRun> run = new Select<>();
        run.setLabel(getTranslation("submission.labRunLabel"));
        run.setEmptySelectionAllowed(true);
        run.setEmptySelectionCaption(getTranslation("submission.noLabRun"));
        List<LabRun> runs = submissions.attachableRuns(courseId, student);
        run.setItems(runs);
        run.setItemLabelGenerator(r -> r == null ? getTranslation("submission.noLabRun")
                : getTranslation("submission.labRunItem", Long.toString(r.id()),
                String.format(Locale.ROOT, "%g", r.request().learningRate()), r.request().epochs(),
                r.accuracy().isPresent() ? String.format(Locale.ROOT, "%.1f%%", r.accuracy().getAsDouble() * 100)
                        : "—"));
        run.setHelperText(getTranslation(runs.isEmpty() ? "submission.noLabRuns" : "submission.labRunHelp"));
        run.setId("handin-labrun");

        Button submit = new Button(getTranslation("submission.submit"), VaadinIcon.UPLOAD_ALT.create());
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setId("handin-submit");
        submit.setDisableOnClick(true);
        submit.addClickListener(e -> {
            try {
                Receipt receipt = submissions.submit(courseId, assignmentId, new HandIn(link.getValue(),
                        staged.stream().map(StagedFile::token).toList(),
                        Optional.ofNullable(run.getValue()).map(LabRun::id)), student);
                staged.clear();
                showStaged(submissions, student);
                link.clear();
                run.clear();
                Notifications.success(getTranslation("submission.done", receipt.version()));
                submitted.accept(receipt);
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            } finally {
                submit.setEnabled(true);
            }
        });
        add(link, upload, stagedList, run, submit);
        showStaged(submissions, student);
    }

    private void showStaged(SubmissionService submissions, SignedInUser student) {
        stagedList.removeAll();
        if (staged.isEmpty()) {
            stagedList.add(new Span(getTranslation("submission.noStaged")));
        }
        for (StagedFile file : List.copyOf(staged)) {
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> {
                submissions.unstage(file.token(), student);
                staged.remove(file);
                showStaged(submissions, student);
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
            remove.setAriaLabel(getTranslation("submission.removeFile", file.name()));
            Span hash = new Span("SHA-256 " + file.sha256());
            hash.addClassName("cw-hash");
            Div line = new Div(new Span(file.name()), new Span(Texts.size(this, file.size())), hash, remove);
            line.addClassName("cw-file");
            stagedList.add(line);
        }
    }
}
