package io.lecturelab.coursework.team;

import java.util.Optional;

/** A student of the course and their team, if any (for staff). */
public record StudentPlace(long userId, String displayName, String username, Optional<Long> teamId,
                           String teamName) {
}
