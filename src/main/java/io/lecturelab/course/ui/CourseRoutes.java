package io.lecturelab.course.ui;

import com.vaadin.flow.router.RouteParameters;

import java.util.Optional;

/** The route parameter that names the course in every course page's address. */
public final class CourseRoutes {

    public static final String COURSE_ID = "courseId";
    public static final String PREFIX = "courses/:" + COURSE_ID + "([0-9]{1,18})";

    private CourseRoutes() {
    }

    public static RouteParameters of(long courseId) {
        return new RouteParameters(COURSE_ID, Long.toString(courseId));
    }

    public static Optional<Long> courseId(String value) {
        if (value == null || !value.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(value));
    }

    public static Optional<Long> courseId(RouteParameters parameters) {
        return courseId(parameters.get(COURSE_ID).orElse(null));
    }
}
