package io.lecturelab.attendance;

import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Attendance points for other features (the gradebook): read on demand, never copied. Callers decide who may see
 * them.
 */
@ApplicationScoped
public class AttendanceGrades {

    private final AttendanceService service;

    AttendanceGrades(AttendanceService service) {
        this.service = service;
    }

    /**
     * Every student's points so far, keyed by user id: {@code possible} is the number of sessions that count (they
     * have started, are not cancelled, attendance was taken) minus the student's excused ones; {@code earned} follows
     * the course's rule. A student with no entry, or with {@code possible} 0, is not graded yet.
     */
    public Map<Long, Score> ofCourse(long courseId) {
        return service.scores(courseId);
    }

    /** Points earned out of points possible (one per counted session). */
    public record Score(BigDecimal earned, BigDecimal possible) {
    }
}
