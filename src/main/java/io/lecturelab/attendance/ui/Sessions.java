package io.lecturelab.attendance.ui;

import io.lecturelab.attendance.SessionView;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Which session a page offers first. */
final class Sessions {

    private Sessions() {
    }

    /** The session that is not cancelled and starts closest to now (a live class on its day), if any. */
    static Optional<SessionView> closestToNow(List<SessionView> sessions, Instant now) {
        return sessions.stream().filter(s -> !s.cancelled())
                .min(Comparator.comparing(s -> Duration.between(now, s.startsAt().toInstant()).abs()));
    }
}
