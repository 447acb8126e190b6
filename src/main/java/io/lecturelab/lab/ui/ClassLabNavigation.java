package io.lecturelab.lab.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseNavigationItem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** "Class experiments" in the side navigation of the course's staff. */
@ApplicationScoped
class ClassLabNavigation implements CourseNavigationItem {

    @Override
    public int order() {
        return 210;
    }

    @Override
    public String labelKey() {
        return "nav.classLab";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.CHART_LINE;
    }

    @Override
    public Class<? extends Component> view() {
        return ClassLabView.class;
    }

    @Override
    public boolean visibleTo(Optional<CourseRole> role) {
        return role.map(r -> r != CourseRole.STUDENT).orElse(true);
    }
}
