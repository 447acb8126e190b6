package io.lecturelab.attendance;

/**
 * An accepted check-in: the session and the student's mark now. {@code changed} is false when staff had already
 * marked the student present, late or excused, which a check-in does not overrule.
 */
public record CheckInResult(String sessionTitle, Status status, boolean changed) {
}
