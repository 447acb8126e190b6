package io.lecturelab.attendance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A check-in code of one session, valid from {@code openedAt} until {@code expiresAt}. */
@Entity
@Table(name = "check_in_code")
class CheckInCode {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "session_id", nullable = false, updatable = false)
    long sessionId;

    @Column(nullable = false, updatable = false)
    String code;

    @Column(name = "opened_by", updatable = false)
    Long openedBy;

    @Column(name = "opened_at", nullable = false, updatable = false)
    Instant openedAt;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    static CheckInCode open(long sessionId, String code, long by, Instant now, Instant until) {
        CheckInCode c = new CheckInCode();
        c.sessionId = sessionId;
        c.code = code;
        c.openedBy = by;
        c.openedAt = now;
        c.expiresAt = until;
        return c;
    }

    /** Ends the code now (a newer code replaces it, or staff close it); never moves an end later. */
    void end(Instant now) {
        if (expiresAt.isAfter(now)) {
            expiresAt = now.isAfter(openedAt) ? now : openedAt;
        }
    }

    boolean validAt(Instant now) {
        return !now.isBefore(openedAt) && now.isBefore(expiresAt);
    }
}
