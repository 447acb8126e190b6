package io.lecturelab.attendance;

/** How a mark was set. */
public enum Via {
    /** By staff on the sheet. */
    STAFF,
    /** By staff with "mark all present" (only cells that were empty). */
    ALL,
    /** By the student with a check-in code. */
    CODE
}
