package io.lecturelab.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One sign-in of one browser; valid until revoked (or until the sign-in cookie expires). */
@Entity
@Table(name = "sign_in_session")
class SignInSession {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "user_id", nullable = false)
    long userId;

    @Column(name = "token_hash", nullable = false)
    byte[] tokenHash;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column
    String address;

    @Column(name = "revoked_at")
    Instant revokedAt;

    void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }
}
