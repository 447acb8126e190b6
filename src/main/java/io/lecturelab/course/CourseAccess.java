package io.lecturelab.course;

import java.util.Optional;

/**
 * What one user may do in one course, as decided by {@link CourseService#access}: their role there (empty for an
 * administrator who is not a member).
 */
public record CourseAccess(long courseId, Optional<CourseRole> role, boolean admin) {

    /** Instructors, teaching assistants and administrators. */
    public boolean staff() {
        return admin || role.map(CourseRole::isStaff).orElse(false);
    }

    /** Instructors and administrators. */
    public boolean instructor() {
        return admin || role.filter(r -> r == CourseRole.INSTRUCTOR).isPresent();
    }
}
