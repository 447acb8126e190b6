package io.lecturelab.course.ui;

import io.lecturelab.course.CourseService;
import io.lecturelab.course.CourseSummary;
import io.lecturelab.security.ui.CurrentUser;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.lecturelab.security.SignedIn;
import com.vaadin.flow.router.RouterLink;

import java.util.List;

/** The signed-in user's courses (an administrator sees all). */
@SignedIn
@Route(value = "", layout = MainLayout.class)
public class CoursesView extends VerticalLayout implements HasDynamicTitle {

    public CoursesView(CurrentUser currentUser, CourseService courses) {
        addClassName("page");
        add(new H2(getTranslation("courses.title")));
        List<CourseSummary> mine = courses.coursesOf(currentUser.require());
        if (mine.isEmpty()) {
            add(new Paragraph(getTranslation("courses.none")));
        }
        for (CourseSummary course : mine) {
            RouterLink link = new RouterLink(course.title(), CourseHomeView.class, CourseRoutes.of(course.id()));
            link.addClassName("course-link");
            Span details = new Span(course.term() + course.role()
                    .map(role -> " · " + getTranslation("role." + role.name())).orElse(""));
            details.getStyle().set("color", "var(--lumo-secondary-text-color)");
            Div card = new Div(link, new Div(details));
            card.addClassName("home-section");
            card.setWidthFull();
            add(card);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("courses.title") + " · " + getTranslation("app.name");
    }
}
