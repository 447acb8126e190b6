package io.lecturelab.gradebook;

import java.time.Instant;

/** An item the instructor removed: hidden from the sheet, its cells' history still readable. */
public record RemovedItem(long id, String title, Instant removedAt) {
}
