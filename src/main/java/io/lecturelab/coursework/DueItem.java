package io.lecturelab.coursework;

import java.time.ZoneId;

/** Work due next for one member: the assignment, the member's deadline and whether anything was handed in yet. */
public record DueItem(long assignmentId, AssignmentKind kind, String title, Deadline deadline, ZoneId courseZone,
                      boolean submitted) {
}
