package io.lecturelab.gradebook.letters.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseNavigationItem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** "Final grades" in the side navigation, for staff. */
@ApplicationScoped
class FinalGradesNavigation implements CourseNavigationItem {

    @Override
    public int order() {
        return 820;
    }

    @Override
    public String labelKey() {
        return "letters.nav";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.BAR_CHART;
    }

    @Override
    public Class<? extends Component> view() {
        return FinalGradesView.class;
    }

    @Override
    public boolean visibleTo(Optional<CourseRole> role) {
        return role.map(CourseRole::isStaff).orElse(true);
    }
}
