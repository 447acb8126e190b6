package io.lecturelab.announcement.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseNavigationItem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** "Announcements" in every course's side navigation, right after the course home. */
@ApplicationScoped
class AnnouncementsNavigation implements CourseNavigationItem {

    @Override
    public int order() {
        return 50;
    }

    @Override
    public String labelKey() {
        return "nav.announcements";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.MEGAPHONE;
    }

    @Override
    public Class<? extends Component> view() {
        return AnnouncementsView.class;
    }

    @Override
    public boolean visibleTo(Optional<CourseRole> role) {
        return true;
    }
}
