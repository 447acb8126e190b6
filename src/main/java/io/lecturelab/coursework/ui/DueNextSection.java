package io.lecturelab.coursework.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.RouterLink;
import io.lecturelab.course.ui.CourseHomeSection;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.coursework.AssignmentService;
import io.lecturelab.coursework.DueItem;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** "Due next" on the course home: the viewer's next deadlines with time left and whether they handed in. */
@ApplicationScoped
class DueNextSection implements CourseHomeSection {

    static final int SHOWN = 5;

    private final AssignmentService assignments;
    private final Clock clock;

    DueNextSection(AssignmentService assignments, Clock clock) {
        this.assignments = assignments;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Optional<Component> section(long courseId, SignedInUser viewer) {
        List<DueItem> due = assignments.dueNext(courseId, viewer, SHOWN);
        Div box = new Div();
        box.addClassName("home-section");
        box.setId("due-next");
        box.setWidthFull();
        box.add(new H3(text("assignment.dueNext")));
        if (due.isEmpty()) {
            box.add(new Span(text("assignment.nothingDue")));
            return Optional.of(box);
        }
        UnorderedList list = new UnorderedList();
        for (DueItem item : due) {
            RouterLink link = new RouterLink(item.title(), AssignmentView.class,
                    AssignmentView.route(courseId, item.assignmentId()));
            Span when = new Span(" — " + Texts.due(box, item.deadline(), item.courseZone(), Optional.empty())
                    + " · " + Texts.timeLeft(box, item.deadline(), clock.instant()));
            ListItem line = new ListItem(link, when);
            if (item.submitted()) {
                line.add(new Span(" "), Texts.badge(text("assignment.submittedShort"), "success"));
            }
            list.add(line);
        }
        box.add(list, new RouterLink(text("assignment.all"), AssignmentsView.class, CourseRoutes.of(courseId)));
        return Optional.of(box);
    }

    private static String text(String key) {
        return UI.getCurrent().getTranslation(key);
    }
}
