package io.lecturelab.course.ui;

import io.lecturelab.course.CourseRole;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;

import java.util.Optional;

/**
 * A link in a course's side navigation that a feature contributes as a CDI bean (lectures, homework, grades, the
 * demo, ...), so the layout does not need to know the features.
 */
public interface CourseNavigationItem {

    /** Position among the course's links; the course's own links use 0 (home), 900 (members), 1000 (settings). */
    int order();

    /** Message key of the link's label. */
    String labelKey();

    VaadinIcon icon();

    Class<? extends Component> view();

    /** Whether a member in this role sees the link ({@code empty} = an administrator who is no member). */
    boolean visibleTo(Optional<CourseRole> role);
}
