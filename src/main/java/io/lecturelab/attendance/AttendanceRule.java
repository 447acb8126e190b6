package io.lecturelab.attendance;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * How marks become points, set by the instructor: a session counts 1 point when present, {@code latePoints} when
 * late and {@code absentPoints} when absent (or not marked at all in a session whose attendance was taken); an excused
 * session drops out (it is neither earned nor possible). Also how many minutes a check-in code stays valid and after
 * how many minutes from the session's start a check-in counts as late. {@code version} 0: the course still uses the
 * default rule.
 */
public record AttendanceRule(BigDecimal latePoints, BigDecimal absentPoints, int codeMinutes, int graceMinutes,
                             int version) {

    public static final AttendanceRule DEFAULT = new AttendanceRule(new BigDecimal("0.50"), new BigDecimal("0.00"),
            5, 10, 0);

    /** The points of one counted session with this mark (no mark: absent); empty when it drops out (excused). */
    public Optional<BigDecimal> points(Status status) {
        if (status == null) {
            return Optional.of(absentPoints);
        }
        return switch (status) {
            case PRESENT -> Optional.of(BigDecimal.ONE);
            case LATE -> Optional.of(latePoints);
            case ABSENT -> Optional.of(absentPoints);
            case EXCUSED -> Optional.empty();
        };
    }

    /** Earned and possible points over the marks of the counted sessions (null: not marked). */
    public AttendanceGrades.Score score(Iterable<Status> countedMarks) {
        BigDecimal earned = BigDecimal.ZERO;
        BigDecimal possible = BigDecimal.ZERO;
        for (Status status : countedMarks) {
            Optional<BigDecimal> points = points(status);
            if (points.isPresent()) {
                earned = earned.add(points.get());
                possible = possible.add(BigDecimal.ONE);
            }
        }
        return new AttendanceGrades.Score(earned, possible);
    }
}
