package io.lecturelab.attendance;

import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A student's mark for one session as stored: the version an edit must carry to change it (see
 * {@link AttendanceService#setMark}), how it was set, by whom (empty: no longer a member) and when.
 */
public record Cell(Status status, int version, Via via, Optional<String> by, ZonedDateTime at) {
}
