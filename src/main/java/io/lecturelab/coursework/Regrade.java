package io.lecturelab.coursework;

import java.time.Instant;
import java.util.Optional;

/** A regrade request as the student and staff see it; {@code status} is OPEN, ACCEPTED or DECLINED. */
public record Regrade(long id, String reason, Instant requestedAt, String status, String answer,
                      Optional<Instant> answeredAt) {

    public boolean open() {
        return "OPEN".equals(status);
    }
}
