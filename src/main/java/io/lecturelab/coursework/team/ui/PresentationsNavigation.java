package io.lecturelab.coursework.team.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseNavigationItem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** "Presentations" in every course's side navigation. */
@ApplicationScoped
class PresentationsNavigation implements CourseNavigationItem {

    @Override
    public int order() {
        return 450;
    }

    @Override
    public String labelKey() {
        return "slot.nav";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.PRESENTATION;
    }

    @Override
    public Class<? extends Component> view() {
        return PresentationsView.class;
    }

    @Override
    public boolean visibleTo(Optional<CourseRole> role) {
        return true;
    }
}
