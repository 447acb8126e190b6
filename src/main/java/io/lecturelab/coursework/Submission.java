package io.lecturelab.coursework;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One version of one student's or team's work for an assignment; never changed once stored. */
@Entity
@Table(name = "submission")
class Submission {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "assignment_id", nullable = false, updatable = false)
    long assignmentId;

    @Column(name = "user_id", updatable = false)
    Long userId;

    @Column(name = "team_id", updatable = false)
    Long teamId;

    @Column(nullable = false, updatable = false)
    int version;

    @Column(name = "submitted_by", nullable = false, updatable = false)
    long submittedBy;

    @Column(name = "submitted_at", nullable = false, updatable = false)
    Instant submittedAt;

    @Column(nullable = false, updatable = false)
    boolean late;

    @Column(nullable = false, updatable = false)
    String link = "";

    @Column(nullable = false, updatable = false)
    String body = "";

    @Column(name = "lab_job_id", updatable = false)
    Long labJobId;

    @Column(name = "lab_run", updatable = false)
    String labRun;

    static Submission of(long assignmentId, Owner owner, int version, long by, Instant at, boolean late) {
        Submission s = new Submission();
        s.assignmentId = assignmentId;
        s.userId = owner.userId();
        s.teamId = owner.teamId();
        s.version = version;
        s.submittedBy = by;
        s.submittedAt = at;
        s.late = late;
        return s;
    }

    Submission withContent(String link, String body, Long labJobId, String labRun) {
        this.link = link;
        this.body = body;
        this.labJobId = labJobId;
        this.labRun = labRun;
        return this;
    }

    Owner owner() {
        return userId != null ? Owner.student(userId) : Owner.team(teamId);
    }
}
