package io.lecturelab.lecture.ui;

import io.lecturelab.base.ui.ViewerZone;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.lecture.LectureDraft;
import io.lecturelab.lecture.LectureService;
import io.lecturelab.lecture.LectureSummary;
import io.lecturelab.lecture.Schedule;
import io.lecturelab.lecture.SearchHit;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ui.CurrentUser;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The course's lecture schedule: week, date, title, the Monday recording and the Tuesday live class (in course time
 * and the viewer's own), the viewer's progress and a search across lectures. Staff also order, publish and add.
 */
@Route(value = LectureRoutes.LECTURES, layout = MainLayout.class)
@RequiresCourseRole
public class LecturesView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LectureService lectures;
    private final CurrentUser currentUser;
    private final Div list = new Div();
    private final Div progress = new Div();
    private final Div staffTools = new Div();
    private final Div searchResults = new Div();
    private final TextField search = new TextField();
    private Optional<ZoneId> viewerZone = Optional.empty();
    private long courseId;

    public LecturesView(LectureService lectures, CurrentUser currentUser) {
        this.lectures = lectures;
        this.currentUser = currentUser;
        addClassName("page");
        addClassName("lecture-schedule");
        // One card per lecture rather than a grid: on a phone the title and the class times wrap instead of being
        // cut off ("1. Introd…") and nothing is pushed off-screen; on a laptop the cards line up as rows.
        list.setId("lectures");
        list.addClassName("lecture-list");
        list.setWidthFull();
        progress.setId("lecture-progress");
        progress.setWidthFull();
        search.setId("lecture-search");
        search.setPlaceholder(getTranslation("lecture.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setWidthFull();
        search.addValueChangeListener(event -> showSearch(event.getValue()));
        searchResults.setId("lecture-search-results");
        searchResults.setWidthFull();
        add(new H2(getTranslation("lecture.heading")), progress, search, searchResults, list, staffTools);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        ViewerZone.ask(attachEvent.getUI(), zone -> {
            viewerZone = zone;
            refresh();
        });
    }

    private void refresh() {
        SignedInUser user = currentUser.require();
        Schedule schedule = lectures.schedule(courseId, user);
        list.removeAll();
        schedule.lectures().forEach(lecture -> list.add(card(lecture, schedule.staff())));
        progress.removeAll();
        long total = schedule.published();
        ProgressBar bar = new ProgressBar(0, Math.max(1, total), schedule.studied());
        bar.getElement().setAttribute("aria-label", getTranslation("lecture.progress", schedule.studied(), total));
        progress.add(new Span(getTranslation("lecture.progress", schedule.studied(), total)), bar);
        staffTools.removeAll();
        if (schedule.staff()) {
            Button add = new Button(getTranslation("lecture.new"), VaadinIcon.PLUS.create(), click -> create());
            add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add.setId("new-lecture");
            RouterLink report = new RouterLink(getTranslation("lecture.report"), StudyReportView.class,
                    CourseRoutes.of(courseId));
            report.setId("study-report-link");
            HorizontalLayout tools = new HorizontalLayout(add, report);
            tools.setAlignItems(Alignment.CENTER);
            staffTools.add(tools);
        }
    }

    private Component card(LectureSummary lecture, boolean staff) {
        Div card = new Div();
        card.addClassName("lecture-card");
        Span week = new Span(getTranslation("lecture.weekLabel", lecture.week()));
        week.addClassName("lecture-week");
        Span date = new Span(lecture.date().map(d -> LectureRoutes.date(d, getLocale())).orElse(""));
        date.addClassName("lecture-date");
        Div when = new Div(week, date);
        when.addClassName("lecture-when");
        Div title = new Div(titleCell(lecture));
        title.addClassName("lecture-title");
        Div classes = new Div(classesCell(lecture));
        classes.addClassName("lecture-classes");
        Span studied = new Span(lecture.studied() ? "✓ " + getTranslation("lecture.studied") : "");
        studied.addClassName("lecture-studied");
        card.add(when, title, classes, studied);
        if (staff) {
            Component tools = staffCell(lecture);
            ((HorizontalLayout) tools).addClassName("lecture-tools");
            card.add(tools);
        }
        return card;
    }

    private Component titleCell(LectureSummary lecture) {
        RouterLink link = new RouterLink(lecture.title(), LectureView.class,
                LectureRoutes.of(courseId, lecture.id()));
        link.addClassName("lecture-link");
        if (lecture.published()) {
            return link;
        }
        Span draft = new Span(getTranslation("lecture.unpublished"));
        draft.getElement().getThemeList().add("badge contrast small");
        return new Span(link, new Span(" "), draft);
    }

    private Component classesCell(LectureSummary lecture) {
        Div cell = new Div();
        if (!lecture.recordingUrl().isEmpty()) {
            cell.add(new Div(new Anchor(lecture.recordingUrl(), getTranslation("lecture.recording"),
                    AnchorTarget.BLANK)));
        }
        lecture.liveStartsAt().ifPresent(at -> cell.add(new LiveClass(at, lecture.liveUrl(), viewerZone)));
        return cell;
    }

    private Component staffCell(LectureSummary lecture) {
        Button up = icon(VaadinIcon.ARROW_UP, "lecture.moveUp", () -> lectures.move(courseId, lecture.id(), -1,
                currentUser.require()));
        Button down = icon(VaadinIcon.ARROW_DOWN, "lecture.moveDown", () -> lectures.move(courseId, lecture.id(), 1,
                currentUser.require()));
        Button publish = new Button(getTranslation(lecture.published() ? "lecture.unpublish" : "lecture.publish"),
                click -> act(() -> lectures.setPublished(courseId, lecture.id(), !lecture.published(),
                        currentUser.require())));
        publish.addThemeVariants(ButtonVariant.LUMO_SMALL);
        publish.addClassName("publish-toggle");
        RouterLink edit = new RouterLink(getTranslation("lecture.edit"), LectureEditorView.class,
                LectureRoutes.of(courseId, lecture.id()));
        HorizontalLayout cell = new HorizontalLayout(up, down, publish, edit);
        cell.setAlignItems(Alignment.CENTER);
        cell.setSpacing(false);
        return cell;
    }

    private Button icon(VaadinIcon icon, String labelKey, Runnable action) {
        Button button = new Button(icon.create(), click -> act(action));
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        button.setAriaLabel(getTranslation(labelKey));
        button.setTooltipText(getTranslation(labelKey));
        return button;
    }

    private void act(Runnable action) {
        try {
            action.run();
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
        refresh();
    }

    private void create() {
        try {
            int week = lectures.schedule(courseId, currentUser.require()).lectures().stream()
                    .mapToInt(LectureSummary::week).max().orElse(0) + 1;
            long id = lectures.create(courseId, new LectureDraft(Math.min(week, 60), null,
                    getTranslation("lecture.newTitle"), "", "", null, "", 0), currentUser.require());
            getUI().ifPresent(ui -> ui.navigate(LectureEditorView.class, LectureRoutes.of(courseId, id)));
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
    }

    private void showSearch(String query) {
        searchResults.removeAll();
        if (query == null || query.isBlank()) {
            return;
        }
        List<SearchHit> hits = lectures.search(courseId, query, currentUser.require());
        if (hits.isEmpty()) {
            searchResults.add(new Paragraph(getTranslation("lecture.searchNone", query.strip())));
            return;
        }
        searchResults.add(new H3(getTranslation("lecture.searchResults", hits.size())));
        hits.forEach(hit -> {
            Div row = new Div(new RouterLink(getTranslation("lecture.weekTitle", hit.week(), hit.title()),
                    LectureView.class, LectureRoutes.of(courseId, hit.lectureId())));
            Paragraph excerpt = new Paragraph(hit.excerpt());
            excerpt.addClassName("lecture-meta");
            row.add(excerpt);
            row.addClassName("search-hit");
            searchResults.add(row);
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("lecture.heading");
    }
}
