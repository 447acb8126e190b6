package io.lecturelab.lecture.ui;

import io.lecturelab.base.ui.ViewerZone;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.lecture.Attachment;
import io.lecturelab.lecture.AttachmentFile;
import io.lecturelab.lecture.LectureDetails;
import io.lecturelab.lecture.LectureService;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ui.CurrentUser;
import jakarta.enterprise.inject.Instance;

import java.time.ZoneId;
import java.util.Optional;

/** One lecture as members read it: typeset text, recording and live class, attachments, "studied" mark. */
@Route(value = LectureRoutes.LECTURE, layout = MainLayout.class)
@RequiresCourseRole
public class LectureView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LectureService lectures;
    private final CurrentUser currentUser;
    private final Optional<LectureDemoLauncher> demo;
    private final Div header = new Div();
    private final Div classes = new Div();
    private LectureBody body;
    private LectureDetails lecture;
    private Optional<ZoneId> viewerZone = Optional.empty();
    private String pageTitle = "";

    public LectureView(LectureService lectures, CurrentUser currentUser, Instance<LectureDemoLauncher> demos) {
        this.lectures = lectures;
        this.currentUser = currentUser;
        this.demo = demos.isResolvable() ? Optional.of(demos.get()) : Optional.empty();
        addClassName("page");
        addClassName("lecture-page");
        header.setWidthFull();
        header.addClassName("lecture-header");
        classes.setWidthFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        long lectureId = LectureRoutes.lectureId(event.getRouteParameters()).orElseThrow();
        removeAll();
        try {
            lecture = lectures.lecture(courseId, lectureId, currentUser.require());
        } catch (UserFacingException refusal) {
            Paragraph reason = new Paragraph(Notifications.describe(refusal));
            reason.addClassName("lecture-refused");
            add(new H2(getTranslation("lecture.heading")), reason, new RouterLink(getTranslation("lecture.back"),
                    LecturesView.class, CourseRoutes.of(courseId)));
            return;
        }
        pageTitle = lecture.title();
        body = new LectureBody(courseId, demo);
        body.setWidthFull();
        body.show(lecture.body());
        showHeader();
        showClasses();
        add(header, classes, body);
        if (!lecture.attachments().isEmpty()) {
            add(attachments());
        }
        add(studied());
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        ViewerZone.ask(attachEvent.getUI(), zone -> {
            viewerZone = zone;
            if (lecture != null) {
                showClasses();
            }
        });
    }

    private void showHeader() {
        header.removeAll();
        H2 title = new H2(lecture.title());
        title.setId("lecture-title");
        String meta = getTranslation("lecture.weekLabel", lecture.week())
                + lecture.date().map(d -> " · " + LectureRoutes.date(d, getLocale())).orElse("");
        Paragraph line = new Paragraph(meta);
        line.addClassName("lecture-meta");
        header.add(new RouterLink(getTranslation("lecture.back"), LecturesView.class,
                CourseRoutes.of(lecture.courseId())), title, line);
        if (!lecture.published()) {
            Span draft = new Span(getTranslation("lecture.unpublished"));
            draft.getElement().getThemeList().add("badge contrast");
            header.add(draft);
        }
        if (lecture.staff()) {
            RouterLink edit = new RouterLink(getTranslation("lecture.edit"), LectureEditorView.class,
                    LectureRoutes.of(lecture.courseId(), lecture.id()));
            edit.setId("edit-lecture");
            header.add(new Span(" "), edit);
        }
    }

    private void showClasses() {
        classes.removeAll();
        if (!lecture.recordingUrl().isEmpty()) {
            classes.add(new Div(new Span(getTranslation("lecture.recorded") + ": "),
                    new Anchor(lecture.recordingUrl(), getTranslation("lecture.recording"), AnchorTarget.BLANK)));
        }
        lecture.liveStartsAt().ifPresent(at -> classes.add(new LiveClass(at, lecture.liveUrl(), viewerZone)));
    }

    private Div attachments() {
        UnorderedList list = new UnorderedList();
        SignedInUser user = currentUser.require();
        for (Attachment attachment : lecture.attachments()) {
            // Streamed chunk by chunk; always as a file to save (Content-Disposition: attachment), never shown in
            // this site's pages.
            Anchor download = new Anchor(DownloadHandler.fromInputStream(event -> {
                AttachmentFile file = lectures.attachment(lecture.courseId(), attachment.id(), user);
                return new DownloadResponse(file.content(), file.fileName(), file.contentType(), file.sizeBytes());
            }), attachment.fileName());
            download.setDownload(true);
            download.addClassName("attachment-link");
            list.add(new ListItem(VaadinIcon.DOWNLOAD_ALT.create(), new Span(" "), download,
                    new Span(" (" + kilobytes(attachment.sizeBytes()) + ")")));
        }
        Div box = new Div(new H3(getTranslation("lecture.attachments")), list);
        box.setId("lecture-attachments");
        return box;
    }

    static String kilobytes(long bytes) {
        return bytes < 1024 ? bytes + " B" : (bytes + 1023) / 1024 + " KB";
    }

    private Checkbox studied() {
        Checkbox studied = new Checkbox(getTranslation("lecture.markStudied"), lecture.studied());
        studied.setId("mark-studied");
        studied.addValueChangeListener(event -> {
            if (!event.isFromClient()) {
                return;
            }
            try {
                lectures.markStudied(lecture.courseId(), lecture.id(), event.getValue(), currentUser.require());
                Notifications.success(getTranslation(event.getValue() ? "lecture.studiedSaved"
                        : "lecture.studiedRemoved"));
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        return studied;
    }

    @Override
    public String getPageTitle() {
        return pageTitle;
    }
}
