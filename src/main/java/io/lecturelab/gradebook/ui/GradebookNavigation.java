package io.lecturelab.gradebook.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseNavigationItem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** "Gradebook" in the side navigation of staff (and administrators). */
@ApplicationScoped
class GradebookNavigation implements CourseNavigationItem {

    @Override
    public int order() {
        return 320;
    }

    @Override
    public String labelKey() {
        return "nav.gradebook";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.TABLE;
    }

    @Override
    public Class<? extends Component> view() {
        return GradebookView.class;
    }

    @Override
    public boolean visibleTo(Optional<CourseRole> role) {
        return role.map(CourseRole::isStaff).orElse(true);
    }
}
