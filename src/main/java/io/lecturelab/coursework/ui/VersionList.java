package io.lecturelab.coursework.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.lecturelab.base.Markdown;
import io.lecturelab.coursework.DeadlineText;
import io.lecturelab.coursework.LabRunRecord;
import io.lecturelab.coursework.Receipt;
import io.lecturelab.coursework.ReceiptFile;
import io.lecturelab.coursework.SubmissionService;
import io.lecturelab.coursework.SubmittedFile;
import io.lecturelab.lecture.ui.LectureContent;
import io.lecturelab.security.SignedInUser;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Versions of one student's or team's work, newest first, each as its receipt: number, time, late flag, who handed
 * it in, the link, every file with its size and SHA-256 (downloadable), the attached lab run and the written text.
 */
class VersionList extends Div {

    /** Extra controls per file (e.g. "Read" for a notebook), or {@code null} for none. */
    interface FileAction extends Function<ReceiptFile, Component> {
    }

    /** @param headingKey the list's heading: the student's own versions, or (for staff) a student's */
    VersionList(String headingKey, long courseId, List<Receipt> versions, ZoneId zone, SubmissionService submissions,
                SignedInUser viewer, FileAction action) {
        addClassName("cw-versions");
        setId("versions");
        add(new H3(getTranslation(headingKey)));
        if (versions.isEmpty()) {
            add(new Paragraph(getTranslation("submission.noVersions")));
        }
        for (Receipt r : versions) {
            Div card = new Div();
            card.addClassName("cw-card");
            card.setId("version-" + r.version());
            Div head = new Div(new Span(getTranslation("submission.version", r.version())),
                    new Span(DeadlineText.at(r.submittedAt(), zone, getLocale())),
                    new Span(getTranslation("submission.by", r.submittedBy())));
            head.addClassName("cw-card-title");
            if (r.late()) {
                head.add(Texts.badge(getTranslation("submission.late", r.daysLate()), "error"));
            }
            card.add(head);
            if (!r.link().isEmpty()) {
                Anchor link = new Anchor(r.link(), r.link(), AnchorTarget.BLANK);
                link.getElement().setAttribute("rel", "noopener noreferrer nofollow");
                card.add(new Div(new Span(getTranslation("submission.link") + ": "), link));
            }
            for (ReceiptFile file : r.files()) {
                Anchor download = new Anchor(DownloadHandler.fromInputStream(event -> {
                    SubmittedFile f = submissions.file(courseId, file.id(), viewer);
                    return new DownloadResponse(f.content(), f.name(), f.contentType(), f.size());
                }), file.name());
                download.setDownload(true);
                Span hash = new Span("SHA-256 " + file.sha256());
                hash.addClassName("cw-hash");
                Div line = new Div(download, new Span(Texts.size(this, file.size())), hash);
                line.addClassName("cw-file");
                if (action != null) {
                    Component extra = action.apply(file);
                    if (extra != null) {
                        line.add(extra);
                    }
                }
                card.add(line);
            }
            r.labRun().ifPresent(run -> card.add(labRun(run)));
            if (!r.body().isEmpty()) {
                Details text = new Details(getTranslation("submission.text"),
                        new LectureContent(Markdown.toSafeHtml(r.body())));
                text.setOpened(versions.indexOf(r) == 0);
                card.add(text);
            }
            add(card);
        }
    }

    private Component labRun(LabRunRecord run) {
        String accuracy = Double.isNaN(run.testAccuracy()) ? "—"
                : String.format(Locale.ROOT, "%.1f%%", run.testAccuracy() * 100);
        Span text = new Span(getTranslation("submission.labRun", Long.toString(run.runId()),
                String.format(Locale.ROOT, "%g", run.learningRate()), run.batchSize(), run.epochs(),
                String.format(Locale.ROOT, "%g", run.l2Strength()), Long.toString(run.seed()), accuracy));
        Div box = new Div(text);
        box.addClassName("cw-labrun");
        return box;
    }
}
