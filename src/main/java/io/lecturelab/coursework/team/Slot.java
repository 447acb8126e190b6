package io.lecturelab.coursework.team;

import java.time.ZonedDateTime;
import java.util.Optional;

/** A presentation slot in course time; {@code number} counts from 1 in the running order. */
public record Slot(long id, int number, ZonedDateTime startsAt, int minutes, Optional<Long> teamId,
                   String teamName, boolean mine, boolean started) {

    public boolean free() {
        return teamId.isEmpty();
    }
}
