package io.lecturelab.attendance;

import java.time.ZonedDateTime;
import java.util.Optional;

/** One change of a mark: when, by whom (empty: no longer a member), from what to what (empty: not marked), how. */
public record HistoryEntry(ZonedDateTime at, Optional<String> by, Optional<Status> before, Optional<Status> after,
                           Via via) {
}
