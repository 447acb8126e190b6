package io.lecturelab.coursework;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** Later dates of one assignment for one student or one team. */
@Entity
@Table(name = "assignment_extension")
class Extension {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "assignment_id", nullable = false)
    long assignmentId;

    @Column(name = "user_id")
    Long userId;

    @Column(name = "team_id")
    Long teamId;

    @Column(name = "due_at", nullable = false)
    Instant dueAt;

    @Column(name = "cutoff_at")
    Instant cutoffAt;

    @Column(nullable = false)
    String reason = "";

    @Column(name = "granted_by")
    Long grantedBy;

    @Column(name = "granted_at", nullable = false)
    Instant grantedAt;

    void change(Instant due, Optional<Instant> cutoff, String why, long by, Instant now) {
        dueAt = due;
        cutoffAt = cutoff.orElse(null);
        reason = why;
        grantedBy = by;
        grantedAt = now;
    }

    Owner owner() {
        return userId != null ? Owner.student(userId) : Owner.team(teamId);
    }

    Deadline deadline() {
        return new Deadline(dueAt, Optional.ofNullable(cutoffAt), true);
    }
}
