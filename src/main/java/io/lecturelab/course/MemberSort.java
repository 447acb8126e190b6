package io.lecturelab.course;

/** How the members page orders its list. */
public enum MemberSort {
    /** By name, in the order Korean readers expect (Hangul, then Latin letters). */
    NAME,
    /** By student number; members without one (usually staff) last. */
    STUDENT_ID,
    /** Instructors, then teaching assistants, then students; by name within each. */
    ROLE
}
