package io.lecturelab.course.ui;

import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ViewAccessRule;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** Only a course's members, in the roles a view names, may open its pages. */
@ApplicationScoped
class CourseAccessRule implements ViewAccessRule {

    private final CourseService courses;

    CourseAccessRule(CourseService courses) {
        this.courses = courses;
    }

    @Override
    public boolean governs(Class<?> view) {
        return view.isAnnotationPresent(RequiresCourseRole.class);
    }

    @Override
    public Optional<String> refuse(SignedInUser user, Class<?> view, Map<String, String> routeParameters) {
        RequiresCourseRole required = view.getAnnotation(RequiresCourseRole.class);
        if (required == null) {
            return Optional.empty();
        }
        Optional<Long> courseId = CourseRoutes.courseId(routeParameters.get(CourseRoutes.COURSE_ID));
        if (courseId.isEmpty() || courses.find(courseId.get()).isEmpty()) {
            return Optional.of("access.noSuchCourse");
        }
        if (user.admin()) {
            return Optional.empty();
        }
        Optional<CourseRole> role = courses.roleOf(user.id(), courseId.get());
        if (role.isEmpty()) {
            return Optional.of("access.noSuchCourse"); // as for a course that does not exist: ids reveal nothing
        }
        if (Arrays.asList(required.value()).contains(role.get())) {
            return Optional.empty();
        }
        return Optional.of(Arrays.asList(required.value()).contains(CourseRole.TA) ? "access.staffOnly"
                : "access.instructorOnly");
    }
}
