package io.lecturelab.attendance.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseNavigationItem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** "Attendance" in a student's side navigation: checking in and their own record. */
@ApplicationScoped
class MyAttendanceNavigation implements CourseNavigationItem {

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
        return MyAttendanceView.class;
    }

    @Override
    public boolean visibleTo(Optional<CourseRole> role) {
        return role.filter(r -> r == CourseRole.STUDENT).isPresent();
    }
}
