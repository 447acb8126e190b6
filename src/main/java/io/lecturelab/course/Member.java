package io.lecturelab.course;

/** A course member as the members page lists them. */
public record Member(long userId, String username, String displayName, String email, String studentId,
                     CourseRole role) {
}
