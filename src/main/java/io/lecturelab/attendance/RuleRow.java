package io.lecturelab.attendance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;

/** A course's attendance rule as stored; a course without a row uses {@link AttendanceRule#DEFAULT}. */
@Entity
@Table(name = "attendance_rule")
class RuleRow {

    @Id
    @Column(name = "course_id")
    Long courseId;

    @Column(name = "late_points", nullable = false, precision = 3, scale = 2)
    BigDecimal latePoints;

    @Column(name = "absent_points", nullable = false, precision = 3, scale = 2)
    BigDecimal absentPoints;

    @Column(name = "code_minutes", nullable = false)
    int codeMinutes;

    @Column(name = "grace_minutes", nullable = false)
    int graceMinutes;

    @Column(name = "updated_by")
    Long updatedBy;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Version
    int version;

    static RuleRow of(long courseId) {
        RuleRow r = new RuleRow();
        r.courseId = courseId;
        return r;
    }

    void set(AttendanceRule rule, long by, Instant at) {
        latePoints = rule.latePoints();
        absentPoints = rule.absentPoints();
        codeMinutes = rule.codeMinutes();
        graceMinutes = rule.graceMinutes();
        updatedBy = by;
        updatedAt = at;
    }

    AttendanceRule rule() {
        return new AttendanceRule(latePoints, absentPoints, codeMinutes, graceMinutes, version + 1);
    }
}
