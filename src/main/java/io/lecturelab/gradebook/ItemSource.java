package io.lecturelab.gradebook;

/** Where an item's scores come from. */
public enum ItemSource {
    /** Staff enter them (or import them from CSV). */
    ENTERED,
    /** A coursework assignment's released grades; staff can only excuse a student here. */
    ASSIGNMENT,
    /** Attendance points, entered by staff until class sessions are recorded. */
    ATTENDANCE
}
