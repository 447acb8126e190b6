package io.lecturelab.attendance;

import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A class session as the sheet and the record show it, its start in the course's time zone. It counts towards the
 * grade once it has started, unless cancelled, and once attendance was taken (someone has a mark).
 */
public record SessionView(long id, SessionKind kind, String title, ZonedDateTime startsAt, boolean cancelled,
                          boolean happened, boolean taken, Optional<Long> lectureId) {

    public boolean counted() {
        return happened && taken && !cancelled;
    }
}
