package io.lecturelab.coursework.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.lecturelab.base.ui.ViewerZone;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.coursework.AssignmentService;
import io.lecturelab.coursework.AssignmentSummary;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ui.CurrentUser;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The course's assignments by due date, each with the viewer's own deadline (in the course's time and theirs),
 * time left and what they handed in; staff also create assignments here.
 */
@Route(value = CourseRoutes.PREFIX + "/assignments", layout = MainLayout.class)
@RequiresCourseRole
@CssImport("./styles/coursework.css")
public class AssignmentsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final AssignmentService assignments;
    private final CourseService courses;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final Div list = new Div();
    private long courseId;
    private Optional<ZoneId> viewerZone = Optional.empty();

    public AssignmentsView(AssignmentService assignments, CourseService courses, CurrentUser currentUser,
                           Clock clock) {
        this.assignments = assignments;
        this.courses = courses;
        this.currentUser = currentUser;
        this.clock = clock;
        addClassName("page");
        list.addClassName("cw-cards");
        list.setId("assignment-list");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        SignedInUser viewer = currentUser.require();
        List<AssignmentSummary> all = assignments.list(courseId, viewer);
        removeAll();
        add(new H2(getTranslation("assignment.heading")));
        if (courses.access(courseId, viewer).staff()) {
            ZoneId zone = ZoneId.of(courses.timeZone(courseId));
            Details create = new Details(getTranslation("assignment.new"),
                    new AssignmentForm(zone, Optional.empty(), draft -> {
                        long id = assignments.create(courseId, draft, currentUser.require());
                        getUI().ifPresent(ui -> ui.navigate(AssignmentView.class, AssignmentView.route(courseId,
                                id)));
                    }));
            create.setId("assignment-new");
            create.addClassName("cw-panel");
            add(create);
        }
        add(list);
        show(all);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        ViewerZone.ask(event.getUI(), zone -> {
            viewerZone = zone;
            if (courseId != 0) {
                show(assignments.list(courseId, currentUser.require()));
            }
        });
    }

    private void show(List<AssignmentSummary> all) {
        list.removeAll();
        if (all.isEmpty()) {
            list.add(new Paragraph(getTranslation("assignment.none")));
        }
        all.forEach(a -> list.add(card(a)));
    }

    private Component card(AssignmentSummary a) {
        RouterLink title = new RouterLink(a.title(), AssignmentView.class, AssignmentView.route(courseId, a.id()));
        title.addClassName("cw-card-title");
        Div badges = new Div(Texts.badge(Texts.kind(this, a.kind()), "contrast"),
                new Span(getTranslation("assignment.points", a.points())));
        if (!a.published()) {
            badges.add(Texts.badge(getTranslation("assignment.unpublished"), "error"));
        }
        a.myVersion().ifPresent(v -> badges.add(Texts.badge(getTranslation("assignment.handedIn", v),
                a.myLate() ? "error" : "success")));
        if (a.gradeReleased()) {
            badges.add(Texts.badge(getTranslation("assignment.graded"), "success"));
        }
        Div card = new Div(title, badges, new Span(Texts.due(this, a.deadline(), a.courseZone(), viewerZone)),
                new Span(Texts.timeLeft(this, a.deadline(), clock.instant())));
        card.addClassName("cw-card");
        card.setId("assignment-" + a.id());
        return card;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("assignment.heading");
    }
}
