package io.lecturelab.gradebook;

import java.time.Instant;

/** One change of a cell: when, by whom, from what to what, why, and whether typed in or imported. */
public record ScoreHistoryEntry(Instant at, String by, Mark before, Mark after, String reason, boolean imported) {
}
