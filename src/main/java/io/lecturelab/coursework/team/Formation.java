package io.lecturelab.coursework.team;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** A course's formation window in course time, its state now and the course's team size limits. */
public record Formation(ZoneId zone, Optional<ZonedDateTime> opensAt, Optional<ZonedDateTime> closesAt,
                        boolean locked, FormationState state, int minSize, int maxSize) {
}
