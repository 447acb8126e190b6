package io.lecturelab.coursework.team;

import java.time.Instant;

/** A student on the "looking for a team" board. */
public record Seeker(long userId, String displayName, String note, Instant since) {
}
