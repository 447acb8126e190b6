package io.lecturelab.coursework;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;

/** The grade of one student's or team's work: points and feedback, seen by the student once released. */
@Entity
@Table(name = "grade")
class Grade {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "assignment_id", nullable = false, updatable = false)
    long assignmentId;

    @Column(name = "user_id", updatable = false)
    Long userId;

    @Column(name = "team_id", updatable = false)
    Long teamId;

    @Column(name = "submission_id")
    Long submissionId;

    @Column(precision = 8, scale = 2)
    BigDecimal points;

    @Column(name = "rubric_points", nullable = false)
    String rubricPoints = "";

    @Column(nullable = false)
    String feedback = "";

    @Column(name = "grader_id")
    Long graderId;

    @Column(name = "graded_at")
    Instant gradedAt;

    @Column(name = "released_at")
    Instant releasedAt;

    @Version
    int version;

    static Grade of(long assignmentId, Owner owner) {
        Grade g = new Grade();
        g.assignmentId = assignmentId;
        g.userId = owner.userId();
        g.teamId = owner.teamId();
        return g;
    }

    void record(Long submission, BigDecimal value, String perItem, String text, long grader, Instant now) {
        submissionId = submission;
        points = value;
        rubricPoints = perItem;
        feedback = text;
        graderId = grader;
        gradedAt = now;
    }

    void release(Instant now) {
        releasedAt = now;
    }

    Owner owner() {
        return userId != null ? Owner.student(userId) : Owner.team(teamId);
    }
}
