package io.lecturelab.attendance.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseNavigationItem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** "Attendance" in the side navigation of the course's staff: the sheet. */
@ApplicationScoped
class AttendanceNavigation implements CourseNavigationItem {

    @Override
    public int order() {
        return 500;
    }

    @Override
    public String labelKey() {
        return "attendance.nav";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.CHECK_SQUARE_O;
    }

    @Override
    public Class<? extends Component> view() {
        return AttendanceSheetView.class;
    }

    @Override
    public boolean visibleTo(Optional<CourseRole> role) {
        return role.map(CourseRole::isStaff).orElse(true);
    }
}
