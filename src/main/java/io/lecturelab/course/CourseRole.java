package io.lecturelab.course;

/** A member's role in one course; the same person can hold different roles in different courses. */
public enum CourseRole {
    STUDENT, TA, INSTRUCTOR;

    /** Teaching assistants and instructors. */
    public boolean isStaff() {
        return this != STUDENT;
    }
}
