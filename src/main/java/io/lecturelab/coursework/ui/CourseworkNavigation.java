package io.lecturelab.coursework.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseNavigationItem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** "Assignments" in every course's side navigation. */
@ApplicationScoped
class CourseworkNavigation implements CourseNavigationItem {

    @Override
    public int order() {
        return 300;
    }

    @Override
    public String labelKey() {
        return "nav.assignments";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.CLIPBOARD_CHECK;
    }

    @Override
    public Class<? extends Component> view() {
        return AssignmentsView.class;
    }

    @Override
    public boolean visibleTo(Optional<CourseRole> role) {
        return true;
    }
}
