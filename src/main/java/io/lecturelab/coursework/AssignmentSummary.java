package io.lecturelab.coursework;

import java.time.ZoneId;
import java.util.Optional;

/**
 * An assignment in a list, with the viewer's own deadline and state.
 *
 * @param deadline   the viewer's deadline (their extension's, if they have one)
 * @param myVersion  the viewer's (or their team's) latest version, if any
 * @param myLate     whether that version was late
 * @param gradeReleased whether the viewer's grade has been released
 */
public record AssignmentSummary(long id, AssignmentKind kind, String title, int points, Deadline deadline,
                                ZoneId courseZone, boolean published, Optional<Integer> myVersion, boolean myLate,
                                boolean gradeReleased) {
}
