package io.lecturelab.coursework;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When work is due for one student or team: the assignment's dates or their extension. A deadline names a minute
 * and the whole minute counts: "due 23:59" accepts work until 23:59:59.999 on time, and the first late instant is
 * 00:00:00. The same holds for the cut-off, after which nothing more is accepted.
 *
 * @param due      the due minute
 * @param cutoff   the last minute anything is accepted; empty: late work is accepted at any time
 * @param extended whether these are an extension's dates
 */
public record Deadline(Instant due, Optional<Instant> cutoff, boolean extended) {

    private static final Duration DAY = Duration.ofDays(1);

    public Deadline {
        due = due.truncatedTo(ChronoUnit.MINUTES);
        cutoff = cutoff.map(c -> c.truncatedTo(ChronoUnit.MINUTES));
    }

    /** The first instant at which work is late. */
    public Instant lateFrom() {
        return due.plus(1, ChronoUnit.MINUTES);
    }

    public boolean isLate(Instant at) {
        return !at.isBefore(lateFrom());
    }

    /** Whether nothing more is accepted at {@code at}. */
    public boolean isClosed(Instant at) {
        return cutoff.map(c -> !at.isBefore(c.plus(1, ChronoUnit.MINUTES))).orElse(false);
    }

    /** Started days of lateness at {@code at}: 0 on time, 1 within the first 24 hours after the deadline, … */
    public long daysLate(Instant at) {
        if (!isLate(at)) {
            return 0;
        }
        Duration late = Duration.between(lateFrom(), at);
        return late.dividedBy(DAY) + 1;
    }

    /** The share of the points taken off for work handed in at {@code at}, at {@code percentPerDay} (at most 100). */
    public int penaltyPercent(Instant at, int percentPerDay) {
        return (int) Math.min(100, daysLate(at) * percentPerDay);
    }

    /** Time left until the work becomes late (zero once it is). */
    public Duration timeLeft(Instant now) {
        return isLate(now) ? Duration.ZERO : Duration.between(now, lateFrom());
    }
}
