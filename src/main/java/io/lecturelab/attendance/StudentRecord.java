package io.lecturelab.attendance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** One student's attendance: every session with their mark and its points, the rule, and the sum so far. */
public record StudentRecord(long userId, String name, AttendanceRule rule, List<Line> lines,
                            AttendanceGrades.Score score) {

    /** A session and the student's mark; points only when the session counts and the mark is not excused. */
    public record Line(SessionView session, Optional<Status> status, Optional<BigDecimal> points) {
    }
}
