package io.lecturelab.course.ui;

import io.lecturelab.base.Markdown;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.CourseSettings;
import io.lecturelab.course.GradingPolicy;
import io.lecturelab.course.TeamRules;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ui.CurrentUser;
import jakarta.enterprise.inject.Instance;

import java.util.Comparator;
import java.util.Optional;

/**
 * The course's home page: instructor and contact, office hours, class format, grading policy, team project rules
 * and resources. Labels come from the user's language; the instructor's own text is shown as written.
 */
@Route(value = CourseRoutes.PREFIX, layout = MainLayout.class)
@RequiresCourseRole
public class CourseHomeView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final CourseService courses;
    private final CurrentUser currentUser;
    private final Instance<CourseHomeSection> contributions;
    private String pageTitle = "";

    public CourseHomeView(CourseService courses, CurrentUser currentUser, Instance<CourseHomeSection> contributions) {
        this.courses = courses;
        this.currentUser = currentUser;
        this.contributions = contributions;
        addClassName("page");
        addClassName("course-home");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        SignedInUser viewer = currentUser.require();
        CourseSettings course = courses.settings(courseId, viewer);
        pageTitle = course.title();
        removeAll();
        add(new H2(course.title() + " · " + course.term()));
        contributions.stream().sorted(Comparator.comparingInt(CourseHomeSection::order))
                .forEach(c -> c.section(courseId, viewer).ifPresent(this::add));
        if (!(course.instructorName().isEmpty() && course.instructorEmail().isEmpty()
                && course.instructorPhone().isEmpty() && course.officeHours().isEmpty())) {
            add(section("home.instructor", instructor(course)));
        }
        add(section("home.classFormat", classFormat(course)));
        // A course shows a grading policy and team rules only once its instructor has entered them.
        course.grading().ifPresent(grading -> add(section("home.grading", grading(grading, course.team()))));
        course.team().ifPresent(team -> add(section("home.team", team(team))));
        if (!course.overview().isBlank()) {
            add(section("home.overview", markdown(course.overview())));
        }
        if (!course.resources().isBlank()) {
            add(section("home.resources", markdown(course.resources())));
        }
    }

    private Component instructor(CourseSettings course) {
        Div box = new Div(new Paragraph(new Span(course.instructorName())));
        if (!course.instructorEmail().isEmpty()) {
            box.add(new Paragraph(new Span(getTranslation("home.email") + ": "),
                    new Anchor("mailto:" + course.instructorEmail(), course.instructorEmail())));
        }
        if (!course.instructorPhone().isEmpty()) {
            box.add(new Paragraph(getTranslation("home.phone") + ": " + course.instructorPhone()));
        }
        if (!course.officeHours().isEmpty()) {
            box.add(new H3(getTranslation("home.officeHours")), markdown(course.officeHours()));
        }
        return box;
    }

    private Component classFormat(CourseSettings course) {
        UnorderedList list = new UnorderedList();
        if (!course.recordedLecture().isEmpty()) {
            list.add(new ListItem(getTranslation("home.recorded", course.recordedLecture())));
        }
        if (!course.liveClass().isEmpty()) {
            ListItem live = new ListItem(getTranslation("home.live", course.liveClass()));
            if (!course.liveClassUrl().isEmpty()) {
                Anchor link = new Anchor(course.liveClassUrl(), getTranslation("home.liveLink"), AnchorTarget.BLANK);
                live.add(new Span(" — "), link);
            }
            list.add(live);
        }
        list.add(new ListItem(getTranslation("home.timeZone", course.timeZone())));
        return list;
    }

    private Component grading(GradingPolicy grading, Optional<TeamRules> team) {
        NativeTableBody body = new NativeTableBody(
                row("grading.attendance", grading.attendance()),
                row("grading.midterm", grading.midterm()),
                row("grading.final", grading.finalExam()),
                row("grading.homework", grading.homework()));
        NativeTable table = new NativeTable(body);
        table.addClassName("grading-policy");
        UnorderedList homework = new UnorderedList(
                new ListItem(getTranslation("grading.programming", grading.programmingHomeworks())),
                new ListItem(getTranslation("grading.paperReview", grading.paperReviews())));
        team.ifPresent(rules -> homework.add(new ListItem(getTranslation("grading.proposal",
                rules.presentationMinutes()))));
        return new Div(table, new Paragraph(getTranslation("grading.homeworkParts")), homework);
    }

    private NativeTableRow row(String key, int weight) {
        NativeTableCell weightCell = new NativeTableCell(weight + "%");
        weightCell.addClassName("weight");
        return new NativeTableRow(new NativeTableCell(getTranslation(key)), weightCell);
    }

    private Component team(TeamRules team) {
        return new Div(
                new Paragraph(getTranslation("team.size", team.minSize(), team.maxSize())),
                new Paragraph(getTranslation("team.presentation", team.presentationMinutes())),
                new Paragraph(getTranslation("team.proposal")),
                new OrderedList(new ListItem(getTranslation("team.part1")), new ListItem(getTranslation("team.part2")),
                        new ListItem(getTranslation("team.part3"))),
                new Paragraph(getTranslation("team.planOnly")));
    }

    private Component section(String titleKey, Component content) {
        Div section = new Div(new H3(getTranslation(titleKey)), content);
        section.addClassName("home-section");
        section.setWidthFull();
        return section;
    }

    static Component markdown(String text) {
        Html html = new Html("<div class=\"markdown\">" + Markdown.toSafeHtml(text) + "</div>");
        return html;
    }

    @Override
    public String getPageTitle() {
        return pageTitle;
    }
}
