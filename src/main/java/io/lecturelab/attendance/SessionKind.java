package io.lecturelab.attendance;

/** Where a class session comes from. */
public enum SessionKind {
    /** A lecture's recording, on the lecture's date. */
    RECORDED,
    /** A lecture's live class, at its start time. */
    LIVE,
    /** Added by staff (a make-up class, a lab). */
    EXTRA
}
