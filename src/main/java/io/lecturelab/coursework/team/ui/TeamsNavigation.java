package io.lecturelab.coursework.team.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseNavigationItem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** "Teams" in every course's side navigation. */
@ApplicationScoped
class TeamsNavigation implements CourseNavigationItem {

    @Override
    public int order() {
        return 400;
    }

    @Override
    public String labelKey() {
        return "team.nav";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.GROUP;
    }

    @Override
    public Class<? extends Component> view() {
        return TeamsView.class;
    }

    @Override
    public boolean visibleTo(Optional<CourseRole> role) {
        return true;
    }
}
