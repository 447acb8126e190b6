package io.lecturelab.security;

/** Platform-wide role. Course roles (student, TA, instructor) are per course and live in the course feature. */
public enum SystemRole {
    /** Creates courses and their staff. */
    ADMIN,
    /** Everyone else; what they may do depends on their course memberships. */
    USER
}
