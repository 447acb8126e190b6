package io.lecturelab.lab.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseNavigationItem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** "Classifier lab" in every course's side navigation. */
@ApplicationScoped
class LabNavigation implements CourseNavigationItem {

    @Override
    public int order() {
        return 200;
    }

    @Override
    public String labelKey() {
        return "nav.lab";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.FLASK;
    }

    @Override
    public Class<? extends Component> view() {
        return LabView.class;
    }

    @Override
    public boolean visibleTo(Optional<CourseRole> role) {
        return true;
    }
}
