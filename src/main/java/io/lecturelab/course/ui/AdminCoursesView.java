package io.lecturelab.course.ui;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.CourseSummary;
import io.lecturelab.security.AdminOnly;
import io.lecturelab.security.ui.CurrentUser;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;

import java.util.Optional;

/**
 * Administrators create courses (e.g. one per term). Staff are then added on the course's members page, where the
 * administrator acts as an instructor.
 */
@Route(value = "admin/courses", layout = MainLayout.class)
@AdminOnly
public class AdminCoursesView extends VerticalLayout implements HasDynamicTitle {

    private final CourseService courses;
    private final CurrentUser currentUser;
    private final Grid<CourseSummary> grid = new Grid<>(CourseSummary.class, false);

    public AdminCoursesView(CourseService courses, CurrentUser currentUser) {
        this.courses = courses;
        this.currentUser = currentUser;
        addClassName("page");
        grid.addComponentColumn(course -> new RouterLink(course.title(), CourseHomeView.class,
                CourseRoutes.of(course.id()))).setHeader(getTranslation("admin.courseTitle"));
        grid.addColumn(CourseSummary::term).setHeader(getTranslation("admin.term"));
        grid.addComponentColumn(course -> new RouterLink(getTranslation("nav.members"), MembersView.class,
                CourseRoutes.of(course.id()))).setHeader(getTranslation("admin.staff"));
        grid.addColumn(CourseSummary::slug).setHeader(getTranslation("admin.slug"));
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT); // long titles wrap on a phone instead of "Deep Le…"

        TextField slug = new TextField(getTranslation("admin.slug"));
        slug.setHelperText(getTranslation("admin.slugHelp"));
        slug.setId("new-course-slug");
        TextField title = new TextField(getTranslation("admin.courseTitle"));
        title.setId("new-course-title");
        TextField term = new TextField(getTranslation("admin.term"));
        term.setId("new-course-term");
        TextField instructor = new TextField(getTranslation("admin.instructor"));
        instructor.setHelperText(getTranslation("admin.instructorHelp"));
        instructor.setId("new-course-instructor");
        Button create = new Button(getTranslation("admin.create"), click -> {
            try {
                long id = courses.create(slug.getValue(), title.getValue(), term.getValue(),
                        Optional.of(instructor.getValue()), currentUser.require());
                Notifications.success(getTranslation("admin.created", title.getValue()));
                getUI().ifPresent(ui -> ui.navigate(MembersView.class, CourseRoutes.of(id)));
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-course");
        add(new H2(getTranslation("admin.heading")), grid, new H3(getTranslation("admin.new")),
                new FormLayout(slug, title, term, instructor, create));
        refresh();
    }

    private void refresh() {
        grid.setItems(courses.coursesOf(currentUser.require()));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.heading");
    }
}
