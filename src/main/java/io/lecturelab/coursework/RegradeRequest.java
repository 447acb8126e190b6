package io.lecturelab.coursework;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A student's request to look at a released grade again, and staff's answer. */
@Entity
@Table(name = "regrade_request")
class RegradeRequest {

    enum Status { OPEN, ACCEPTED, DECLINED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "grade_id", nullable = false, updatable = false)
    long gradeId;

    @Column(name = "requested_by", nullable = false, updatable = false)
    long requestedBy;

    @Column(nullable = false, updatable = false)
    String reason;

    @Column(name = "requested_at", nullable = false, updatable = false)
    Instant requestedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Status status = Status.OPEN;

    @Column(nullable = false)
    String answer = "";

    @Column(name = "answered_by")
    Long answeredBy;

    @Column(name = "answered_at")
    Instant answeredAt;

    static RegradeRequest of(long gradeId, long by, String reason, Instant at) {
        RegradeRequest r = new RegradeRequest();
        r.gradeId = gradeId;
        r.requestedBy = by;
        r.reason = reason;
        r.requestedAt = at;
        return r;
    }

    void answer(boolean accepted, String text, long by, Instant at) {
        status = accepted ? Status.ACCEPTED : Status.DECLINED;
        answer = text;
        answeredBy = by;
        answeredAt = at;
    }

    Regrade view() {
        return new Regrade(id, reason, requestedAt, status.name(), answer, java.util.Optional.ofNullable(answeredAt));
    }
}
