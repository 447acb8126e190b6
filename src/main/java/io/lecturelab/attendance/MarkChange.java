package io.lecturelab.attendance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One change of a mark: who, when, old and new (null: not marked), and how. */
@Entity
@Table(name = "attendance_mark_change")
class MarkChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "session_id", nullable = false, updatable = false)
    long sessionId;

    @Column(name = "user_id", nullable = false, updatable = false)
    long userId;

    @Column(name = "changed_by", updatable = false)
    Long changedBy;

    @Column(name = "changed_at", nullable = false, updatable = false)
    Instant changedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "old_status", updatable = false)
    Status oldStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "new_status", updatable = false)
    Status newStatus;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    Via via;

    static MarkChange of(long sessionId, long userId, Status before, Status after, Via via, long by, Instant at) {
        MarkChange c = new MarkChange();
        c.sessionId = sessionId;
        c.userId = userId;
        c.oldStatus = before;
        c.newStatus = after;
        c.via = via;
        c.changedBy = by;
        c.changedAt = at;
        return c;
    }
}
