package io.lecturelab.course;

/** How the members page orders its list. */
public enum MemberSort {
    /** By name, in Korean collation (Latin letters first, then Hangul in dictionary order). */
    NAME,
    /** By student number; members without one (usually staff) last. */
    STUDENT_ID,
    /** Instructors, then teaching assistants, then students; by name within each. */
    ROLE
}
