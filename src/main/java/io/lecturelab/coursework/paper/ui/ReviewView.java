package io.lecturelab.coursework.paper.ui;

import io.lecturelab.base.ui.ViewerZone;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.BeforeLeaveEvent;
import com.vaadin.flow.router.BeforeLeaveObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.shared.Registration;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.coursework.Receipt;
import io.lecturelab.coursework.paper.PaperSummary;
import io.lecturelab.coursework.paper.ReviewForm;
import io.lecturelab.coursework.paper.ReviewSection;
import io.lecturelab.coursework.paper.ReviewService;
import io.lecturelab.coursework.paper.ReviewText;
import io.lecturelab.coursework.paper.SavedDraft;
import io.lecturelab.lecture.LectureRenderer;
import io.lecturelab.lecture.RenderedLecture;
import io.lecturelab.lecture.ui.LectureContent;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ui.CurrentUser;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * A student writes the review of their published paper: eight sections in Markdown with math, a recommendation, a
 * preview, and the minimum lengths stated before they start, with a counter per section. The draft saves itself a few
 * seconds after typing stops and when the page is left; a save that another tab overtook is refused and the text
 * stays in the form. Staff see the empty form as students do.
 */
@Route(value = ReviewView.ROUTE, layout = MainLayout.class)
@RequiresCourseRole
public class ReviewView extends VerticalLayout implements BeforeEnterObserver, BeforeLeaveObserver, HasDynamicTitle {

    static final String ASSIGNMENT_ID = "assignmentId";
    static final String ROUTE = CourseRoutes.PREFIX + "/assignments/:" + ASSIGNMENT_ID + "([0-9]{1,18})/review";
    /** A save follows this long after the last change reached the server. */
    private static final long QUIET_NANOS = 2_500_000_000L;
    private static final int POLL_MILLIS = 1000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ReviewService reviews;
    private final CurrentUser currentUser;
    private final Map<ReviewSection, TextArea> areas = new EnumMap<>(ReviewSection.class);
    private final Select<Integer> score = new Select<>();
    private final Span status = new Span();
    private final Div versions = new Div();
    private final Div preview = new Div();
    private final Button previewToggle = new Button();
    private boolean previewOpen;
    private long courseId;
    private long assignmentId;
    private ReviewForm form;
    /** The text as last stored; a save is due when the form differs from it. */
    private ReviewText stored = ReviewText.empty();
    private int version;
    private boolean dirty;
    private boolean stale;
    private long changedAt;
    private ZoneId zone = ZoneId.of("UTC");
    private Registration pollListener;

    public ReviewView(ReviewService reviews, CurrentUser currentUser) {
        this.reviews = reviews;
        this.currentUser = currentUser;
        addClassName("page");
        addClassName("review-page");
        getStyle().set("max-width", "60rem");
    }

    static RouteParameters parameters(long courseId, long assignmentId) {
        return new RouteParameters(Map.of(CourseRoutes.COURSE_ID, Long.toString(courseId), ASSIGNMENT_ID,
                Long.toString(assignmentId)));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        show(CourseRoutes.courseId(event.getRouteParameters()).orElseThrow(),
                Long.parseLong(event.getRouteParameters().get(ASSIGNMENT_ID).orElseThrow()));
    }

    void show(long course, long assignment) {
        courseId = course;
        assignmentId = assignment;
        dirty = false;
        stale = false;
        removeAll();
        add(new H2(getTranslation("review.heading")));
        try {
            form = reviews.review(courseId, assignmentId, user());
            zone = form.courseZone();
        } catch (UserFacingException refusal) {
            form = null;
            add(new Paragraph(Notifications.describe(refusal)));
            return;
        }
        build();
    }

    private void build() {
        Paragraph title = new Paragraph(getTranslation("review.assignment", form.assignmentTitle()));
        title.setId("review-assignment");
        Paragraph due = new Paragraph(getTranslation("review.due",
                DATE_TIME.format(form.deadline().due().atZone(form.courseZone())), form.courseZone().getId()));
        due.setId("review-due");
        add(title, due);
        if (form.staff()) {
            Paragraph note = new Paragraph(getTranslation("review.staffNote"));
            note.setId("review-staff-note");
            add(note);
        }
        if (form.paper().isPresent()) {
            add(new H3(getTranslation("review.paper.heading")), paperCard(form.paper().get()));
        } else if (!form.staff()) {
            Paragraph none = new Paragraph(getTranslation("review.noPaper"));
            none.setId("review-no-paper");
            add(none);
            return;
        }
        add(new Paragraph(getTranslation("review.intro")), minimums());
        add(new H3(getTranslation("review.form.heading")));
        version = form.version();
        stored = form.draft();
        for (ReviewSection section : ReviewSection.values()) {
            TextArea area = new TextArea(getTranslation("review.section." + section.key()));
            area.setId("review-" + section.key());
            area.setWidthFull();
            area.setMinHeight(section == ReviewSection.QUESTIONS ? "6rem" : "9rem");
            area.setMaxLength(ReviewSection.MAX_LENGTH);
            area.setValue(form.draft().text(section));
            area.setReadOnly(!form.editable());
            area.setValueChangeMode(ValueChangeMode.LAZY);
            area.setValueChangeTimeout(400);
            counter(area, section);
            area.addValueChangeListener(change -> {
                counter(area, section);
                changed();
            });
            areas.put(section, area);
            add(area);
        }
        score.setLabel(getTranslation("review.score"));
        score.setId("review-score");
        score.setItems(5, 4, 3, 2, 1);
        score.setItemLabelGenerator(s -> s == null ? "" : s + " — " + getTranslation("review.score." + s));
        score.setEmptySelectionAllowed(true);
        score.setEmptySelectionCaption("—");
        form.draft().score().ifPresent(score::setValue);
        score.setReadOnly(!form.editable());
        score.addValueChangeListener(change -> changed());
        add(score);

        preview.setId("review-preview");
        preview.setWidthFull();
        preview.setVisible(false);
        previewToggle.setText(getTranslation("review.preview"));
        previewToggle.setId("review-preview-toggle");
        previewToggle.getElement().setAttribute("aria-expanded", "false");
        previewToggle.getElement().setAttribute("aria-controls", "review-preview");
        previewToggle.addClickListener(click -> {
            previewOpen = !previewOpen;
            previewToggle.getElement().setAttribute("aria-expanded", Boolean.toString(previewOpen));
            preview.setVisible(previewOpen);
            showPreview();
        });
        add(previewToggle, preview);

        status.setId("review-saved");
        status.getElement().setAttribute("role", "status");
        status.setText(form.savedAt().map(this::savedText).orElseGet(() -> getTranslation("review.notSaved")));
        if (form.editable()) {
            Button save = new Button(getTranslation("review.save"), click -> save());
            save.setId("review-save");
            Button submit = new Button(getTranslation("review.submit"), click -> submit());
            submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            submit.setId("review-submit");
            HorizontalLayout actions = new HorizontalLayout(submit, save, status);
            actions.setWrap(true);
            actions.setAlignItems(Alignment.BASELINE);
            versions.setId("review-versions");
            versions.setWidthFull();
            add(actions, new H3(getTranslation("review.versions.heading")), versions);
            showVersions();
        }
    }

    private Div paperCard(PaperSummary paper) {
        Div card = new Div();
        card.setId("review-paper");
        card.getStyle().set("overflow-wrap", "anywhere");
        if (paper.url().isBlank()) {
            card.add(new Span(paper.citation()));
        } else {
            Anchor link = new Anchor(paper.url(), paper.title(), AnchorTarget.BLANK);
            link.getElement().setAttribute("rel", "noopener noreferrer");
            PaperSummary rest = new PaperSummary(paper.id(), "", paper.authors(), paper.venue(), "");
            card.add(link, new Span(" — " + rest.citation()));
        }
        return card;
    }

    private Div minimums() {
        UnorderedList list = new UnorderedList();
        list.setId("review-minimums");
        for (ReviewSection section : ReviewSection.values()) {
            list.add(new ListItem(getTranslation("review.minimums.item",
                    getTranslation("review.section." + section.key()), section.minLength())));
        }
        return new Div(new H3(getTranslation("review.minimums.heading")), list,
                new Paragraph(getTranslation("review.minimums.note")));
    }

    private void counter(TextArea area, ReviewSection section) {
        int length = ReviewSection.length(area.getValue());
        String count = getTranslation(length >= section.minLength() ? "review.counter.done" : "review.counter",
                length, section.minLength());
        area.setHelperText(getTranslation("review.hint." + section.key()) + " " + count);
    }

    // --- saving --------------------------------------------------------------------------------------------------

    private void changed() {
        if (!form.editable() || stale) {
            return;
        }
        dirty = true;
        changedAt = System.nanoTime();
        status.setText(getTranslation("review.unsaved"));
        getUI().ifPresent(ui -> ui.setPollInterval(POLL_MILLIS));
        if (previewOpen) {
            showPreview();
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        pollListener = ui.addPollListener(poll -> {
            if (dirty && System.nanoTime() - changedAt >= QUIET_NANOS) {
                save();
            }
        });
        ViewerZone.ask(ui, viewer -> viewer.ifPresent(found -> zone = found)); // else keeps the course's zone
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        detachEvent.getUI().setPollInterval(-1);
        if (pollListener != null) {
            pollListener.remove();
            pollListener = null;
        }
        if (dirty && !stale) {
            try {
                save();
            } catch (RuntimeException e) {
                // the page is gone; nothing left to tell
            }
        }
    }

    @Override
    public void beforeLeave(BeforeLeaveEvent event) {
        if (dirty && !stale && !save()) {
            // stays on the page once so the refusal can be read and the text copied; leaving again is allowed
            event.postpone();
        }
    }

    /** @return whether the draft is stored as shown */
    private boolean save() {
        if (form == null || !form.editable() || stale) {
            return false;
        }
        ReviewText text = text();
        if (!dirty || text.equals(stored)) {
            dirty = false;
            return true;
        }
        try {
            SavedDraft saved = reviews.saveDraft(courseId, assignmentId, text, version, user());
            version = saved.version();
            stored = text;
            dirty = false;
            getUI().ifPresent(ui -> ui.setPollInterval(-1));
            status.setText(savedText(saved.savedAt()));
            return true;
        } catch (UserFacingException refusal) {
            if ("review.error.stale".equals(refusal.messageKey())) {
                stale = true;
                dirty = false;
                getUI().ifPresent(ui -> ui.setPollInterval(-1));
            }
            status.setText(Notifications.describe(refusal));
            Notifications.error(refusal);
            return false;
        }
    }

    private void submit() {
        if (!save()) {
            return;
        }
        try {
            Receipt receipt = reviews.submit(courseId, assignmentId, version, getLocale(), user());
            Notifications.success(getTranslation("review.submitted", receipt.version()));
            showVersions();
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
    }

    private void showVersions() {
        versions.removeAll();
        List<Receipt> list = reviews.versions(courseId, assignmentId, user());
        if (list.isEmpty()) {
            versions.add(new Paragraph(getTranslation("review.versions.none")));
            return;
        }
        UnorderedList items = new UnorderedList();
        for (Receipt receipt : list) {
            String text = getTranslation("review.versions.item", receipt.version(),
                    DATE_TIME.format(receipt.submittedAt().atZone(zone)))
                    + (receipt.late() ? " · " + getTranslation("review.versions.late") : "");
            ListItem item = new ListItem(text);
            item.setId("review-version-" + receipt.version());
            items.add(item);
        }
        versions.add(items);
    }

    private ReviewText text() {
        Map<ReviewSection, String> sections = areas.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getValue()));
        return new ReviewText(sections, Optional.ofNullable(score.getValue()).map(OptionalInt::of)
                .orElseGet(OptionalInt::empty));
    }

    private String savedText(Instant at) {
        return getTranslation("review.saved", TIME.format(at.atZone(zone)));
    }

    private void showPreview() {
        if (!previewOpen) {
            return;
        }
        preview.removeAll();
        StringBuilder markdown = new StringBuilder();
        for (ReviewSection section : ReviewSection.values()) {
            markdown.append("### ").append(getTranslation("review.section." + section.key())).append("\n\n")
                    .append(areas.get(section).getValue()).append("\n\n");
        }
        for (RenderedLecture.Part part : LectureRenderer.render(markdown.toString()).parts()) {
            if (part instanceof RenderedLecture.Html html) {
                preview.add(new LectureContent(html.html()));
            }
        }
    }

    private SignedInUser user() {
        return currentUser.require();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("review.heading");
    }
}
