package io.lecturelab.lecture.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.BeforeLeaveEvent;
import com.vaadin.flow.router.BeforeLeaveObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.base.ui.StreamedUpload;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.draft.DraftService;
import io.lecturelab.draft.ui.DraftFields;
import io.lecturelab.draft.ui.DraftKeeper;
import io.lecturelab.lecture.Attachment;
import io.lecturelab.lecture.LectureDetails;
import io.lecturelab.lecture.LectureDraft;
import io.lecturelab.lecture.LectureDrafts;
import io.lecturelab.lecture.LectureService;
import io.lecturelab.security.ui.CurrentUser;

import java.util.Optional;

/**
 * Course staff write a lecture in Markdown with a live preview, set its schedule, publish it and attach files.
 * Saving over someone else's newer save is refused with a message, and the form keeps what was typed. Unsaved
 * changes are kept as a draft while typing and offered back when the editor opens again (after a closed tab or a
 * server restart); leaving with unsaved changes asks first. HTML that the sanitiser would remove is listed above the
 * preview, and saving such text asks first.
 */
@Route(value = LectureRoutes.LECTURE + "/edit", layout = MainLayout.class)
@RequiresCourseRole({CourseRole.TA, CourseRole.INSTRUCTOR})
public class LectureEditorView extends VerticalLayout implements BeforeEnterObserver, BeforeLeaveObserver,
        HasDynamicTitle {

    private final LectureService lectures;
    private final CurrentUser currentUser;
    private final LectureLabConfig config;
    private final IntegerField week = new IntegerField(getTranslation("lecture.week"));
    private final DatePicker date = new DatePicker(getTranslation("lecture.date"));
    private final TextField title = new TextField(getTranslation("lecture.title"));
    private final TextField recordingUrl = new TextField(getTranslation("lecture.recordingUrl"));
    private final DateTimePicker liveStartsAt = new DateTimePicker(getTranslation("lecture.liveStartsAt"));
    private final TextField liveUrl = new TextField(getTranslation("lecture.liveUrl"));
    private final TextArea body = new TextArea(getTranslation("lecture.body"));
    private final Checkbox published = new Checkbox(getTranslation("lecture.published"));
    private final Div attachmentList = new Div();
    private final RemovedHtml removedHtml = new RemovedHtml();
    private final DraftKeeper keeper;
    private LectureBody preview;
    private long courseId;
    private long lectureId;
    private int version;
    private String pageTitle = "";

    public LectureEditorView(LectureService lectures, CurrentUser currentUser, LectureLabConfig config,
                             DraftService drafts) {
        this.lectures = lectures;
        this.currentUser = currentUser;
        this.config = config;
        keeper = new DraftKeeper(drafts, currentUser::require, new DraftFields()
                .number("week", week).date("date", date).text("title", title).text("recordingUrl", recordingUrl)
                .dateTime("liveStartsAt", liveStartsAt).text("liveUrl", liveUrl).text("body", body)
                .flag("published", published), this);
        addClassName("page");
        addClassName("lecture-editor-page");
        getStyle().set("max-width", "90rem");
        week.setId("lecture-week");
        week.setMin(1);
        week.setMax(60);
        week.setStepButtonsVisible(true);
        date.setId("lecture-date");
        title.setId("lecture-title-field");
        recordingUrl.setId("lecture-recording-url");
        liveStartsAt.setId("lecture-live-at");
        liveUrl.setId("lecture-live-url");
        body.setId("lecture-body");
        body.addClassName("lecture-body-editor");
        body.setWidthFull();
        body.setMinHeight("30rem");
        body.setValueChangeMode(ValueChangeMode.TIMEOUT);
        body.setValueChangeTimeout(300);
        published.setId("lecture-published");
        attachmentList.setId("attachment-list");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        lectureId = LectureRoutes.lectureId(event.getRouteParameters()).orElseThrow();
        removeAll();
        keeper.loading();
        LectureDetails lecture;
        try {
            lecture = lectures.lecture(courseId, lectureId, currentUser.require());
        } catch (UserFacingException refusal) {
            add(new Paragraph(Notifications.describe(refusal)));
            return;
        }
        fill(lecture);
        // the preview's demo blocks open the lab in a new tab, so the text being edited stays where it is
        preview = new LectureBody(courseId, Optional.empty());
        preview.addClassName("lecture-preview");
        preview.setId("lecture-preview");
        preview.setWidthFull();
        showPreview(body.getValue());
        body.addValueChangeListener(change -> showPreview(change.getValue()));

        Button save = new Button(getTranslation("action.save"), click -> removedHtml.saveAsked(body.getValue(), this::save));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-lecture");
        RouterLink view = new RouterLink(getTranslation("lecture.view"), LectureView.class,
                LectureRoutes.of(courseId, lectureId));
        HorizontalLayout actions = new HorizontalLayout(save, published, view, keeper.status());
        actions.setAlignItems(Alignment.CENTER);
        actions.setWrap(true);

        VerticalLayout previewBox = new VerticalLayout(new H3(getTranslation("lecture.preview")), removedHtml,
                preview);
        previewBox.setPadding(false);
        previewBox.setWidthFull();
        HorizontalLayout editor = new HorizontalLayout(body, previewBox);
        editor.addClassName("lecture-editor");
        editor.setWidthFull();

        add(new H2(getTranslation("lecture.editHeading")), keeper,
                new FormLayout(week, date, title, recordingUrl, liveStartsAt, liveUrl),
                editor, actions,
                new H3(getTranslation("lecture.attachments")),
                new Paragraph(getTranslation("lecture.attachmentHelp",
                        String.join(", ", config.lectures().attachmentTypes()),
                        config.lectures().maxAttachmentBytes() / (1024 * 1024))),
                attachmentList, upload());
        keeper.open(LectureDrafts.of(courseId, lectureId), version);
    }

    private void showPreview(String markdown) {
        preview.show(markdown);
        removedHtml.show(markdown);
    }

    @Override
    public void beforeLeave(BeforeLeaveEvent event) {
        keeper.beforeLeave(event);
    }

    private void fill(LectureDetails lecture) {
        pageTitle = lecture.title();
        version = lecture.version();
        week.setValue(lecture.week());
        date.setValue(lecture.date().orElse(null));
        title.setValue(lecture.title());
        recordingUrl.setValue(lecture.recordingUrl());
        liveStartsAt.setValue(lecture.liveStartsAt().map(at -> at.toLocalDateTime()).orElse(null));
        liveUrl.setValue(lecture.liveUrl());
        body.setValue(lecture.body());
        published.setValue(lecture.published());
        showAttachments(lecture);
    }

    private void save() {
        try {
            LectureDraft draft = new LectureDraft(week.getValue() == null ? 0 : week.getValue(), date.getValue(),
                    title.getValue(), body.getValue(), recordingUrl.getValue(), liveStartsAt.getValue(),
                    liveUrl.getValue(), version);
            LectureDetails saved = lectures.update(courseId, lectureId, draft, currentUser.require());
            if (saved.published() != published.getValue()) {
                lectures.setPublished(courseId, lectureId, published.getValue(), currentUser.require());
                saved = lectures.lecture(courseId, lectureId, currentUser.require());
            }
            version = saved.version();
            pageTitle = saved.title();
            keeper.saved(version);
            Notifications.success(getTranslation("lecture.saved", saved.title()));
        } catch (UserFacingException refusal) {
            // What was typed stays in the form, so it can be copied or saved again after reloading.
            Notifications.error(refusal);
        }
    }

    private Upload upload() {
        int maxBytes = config.lectures().maxAttachmentBytes();
        String types = String.join(", ", config.lectures().attachmentTypes());
        return StreamedUpload.of("attachment-upload", maxBytes, new StreamedUpload.Texts(
                        getTranslation("upload.add"), getTranslation("upload.drop"),
                        getTranslation("lecture.error.fileSize", maxBytes / (1024 * 1024)),
                        getTranslation("lecture.error.fileType", types)),
                (in, fileName) -> lectures.attach(courseId, lectureId, fileName, in, currentUser.require()),
                added -> {
                    Notifications.success(getTranslation("lecture.attached", added.fileName()));
                    showAttachments(lectures.lecture(courseId, lectureId, currentUser.require()));
                },
                config.lectures().attachmentTypes().stream().map(t -> "." + t).toArray(String[]::new));
    }

    private void showAttachments(LectureDetails lecture) {
        attachmentList.removeAll();
        if (lecture.attachments().isEmpty()) {
            attachmentList.add(new Paragraph(getTranslation("lecture.noAttachments")));
            return;
        }
        UnorderedList list = new UnorderedList();
        for (Attachment attachment : lecture.attachments()) {
            Button remove = new Button(VaadinIcon.TRASH.create(), click -> {
                try {
                    lectures.removeAttachment(courseId, attachment.id(), currentUser.require());
                    showAttachments(lectures.lecture(courseId, lectureId, currentUser.require()));
                } catch (UserFacingException refusal) {
                    Notifications.error(refusal);
                }
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel(getTranslation("lecture.removeAttachment"));
            list.add(new ListItem(new Span(attachment.fileName() + " (" + LectureView.kilobytes(
                    attachment.sizeBytes()) + ", SHA-256 " + attachment.sha256().substring(0, 12) + "…) "), remove));
        }
        attachmentList.add(list);
    }

    @Override
    public String getPageTitle() {
        return pageTitle;
    }
}
