package io.lecturelab.coursework.paper.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseNavigationItem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** "Papers" in every course's side navigation. */
@ApplicationScoped
class PapersNavigation implements CourseNavigationItem {

    @Override
    public int order() {
        return 350;
    }

    @Override
    public String labelKey() {
        return "paper.nav";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.FILE_TEXT_O;
    }

    @Override
    public Class<? extends Component> view() {
        return PapersView.class;
    }

    @Override
    public boolean visibleTo(Optional<CourseRole> role) {
        return true;
    }
}
