package io.lecturelab.lecture.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseNavigationItem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** "Lectures" in every course's side navigation. */
@ApplicationScoped
class LecturesNavigation implements CourseNavigationItem {

    @Override
    public int order() {
        return 100;
    }

    @Override
    public String labelKey() {
        return "nav.lectures";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.BOOK;
    }

    @Override
    public Class<? extends Component> view() {
        return LecturesView.class;
    }

    @Override
    public boolean visibleTo(Optional<CourseRole> role) {
        return true;
    }
}
