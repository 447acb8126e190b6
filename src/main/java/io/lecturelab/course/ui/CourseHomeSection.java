package io.lecturelab.course.ui;

import com.vaadin.flow.component.Component;
import io.lecturelab.security.SignedInUser;

import java.util.Optional;

/**
 * A section that a feature adds to a course's home page as a CDI bean (e.g. what is due next), so the home page
 * does not need to know the features.
 */
public interface CourseHomeSection {

    /** Position among the contributed sections, which come right after the course's title. */
    int order();

    /** The section for this viewer, or empty when there is nothing to show them. */
    Optional<Component> section(long courseId, SignedInUser viewer);
}
