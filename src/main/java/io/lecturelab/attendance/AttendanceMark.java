package io.lecturelab.attendance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** One cell of the sheet: a student's mark for one session. No row: not marked. */
@Entity
@Table(name = "attendance_mark")
class AttendanceMark {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "session_id", nullable = false, updatable = false)
    long sessionId;

    @Column(name = "user_id", nullable = false, updatable = false)
    long userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Status status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Via via;

    @Column(name = "updated_by")
    Long updatedBy;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Version
    int version;

    static AttendanceMark of(long sessionId, long userId) {
        AttendanceMark m = new AttendanceMark();
        m.sessionId = sessionId;
        m.userId = userId;
        return m;
    }

    void set(Status value, Via how, long by, Instant at) {
        status = value;
        via = how;
        updatedBy = by;
        updatedAt = at;
    }

    /** The version an editor's sheet carries: one more than the row's, so that 0 always means "not marked". */
    int formVersion() {
        return id == null ? 0 : version + 1;
    }
}
