package io.lecturelab.course;

/** A person to add to a course; an account is created for them when none with that user name exists. */
public record NewMember(String username, String displayName, String email, String studentId, CourseRole role) {
}
