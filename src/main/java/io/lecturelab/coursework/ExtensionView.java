package io.lecturelab.coursework;

import java.time.Instant;

/** An extension as staff see it: for whom (a student's or a team's name), the new dates and why. */
public record ExtensionView(Owner owner, String ownerName, Deadline deadline, String reason, Instant grantedAt) {
}
