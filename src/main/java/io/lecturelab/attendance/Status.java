package io.lecturelab.attendance;

/** A student's mark for one class session. */
public enum Status {
    PRESENT, LATE, ABSENT, EXCUSED
}
