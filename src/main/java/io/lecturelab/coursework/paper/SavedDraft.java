package io.lecturelab.coursework.paper;

import java.time.Instant;

/** A draft as saved: the version to name in the next save, and when. */
public record SavedDraft(int version, Instant savedAt) {
}
