package io.lecturelab.gradebook.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseNavigationItem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** "My grades" in a student's side navigation. */
@ApplicationScoped
class GradesNavigation implements CourseNavigationItem {

    @Override
    public int order() {
        return 320;
    }

    @Override
    public String labelKey() {
        return "nav.grades";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.CHART;
    }

    @Override
    public Class<? extends Component> view() {
        return GradesView.class;
    }

    @Override
    public boolean visibleTo(Optional<CourseRole> role) {
        return role.filter(r -> r == CourseRole.STUDENT).isPresent();
    }
}
