package io.lecturelab.coursework;

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
import java.util.Optional;

/** One piece of coursework of a course. */
@Entity
@Table(name = "assignment")
class Assignment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "course_id", nullable = false)
    long courseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    AssignmentKind kind;

    @Column(nullable = false)
    String title;

    @Column(nullable = false)
    String instructions = "";

    @Column(nullable = false)
    int points;

    @Column(name = "due_at", nullable = false)
    Instant dueAt;

    @Column(name = "cutoff_at")
    Instant cutoffAt;

    @Column(name = "late_penalty_percent", nullable = false)
    int latePenaltyPercent;

    @Column(name = "regrade_days", nullable = false)
    int regradeDays;

    @Column(nullable = false)
    String rubric = "";

    @Column(nullable = false)
    boolean published;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Version
    int version;

    void apply(AssignmentDraft draft, Instant now) {
        kind = draft.kind();
        title = draft.title();
        instructions = draft.instructions();
        points = draft.points();
        dueAt = draft.dueAt();
        cutoffAt = draft.cutoffAt().orElse(null);
        latePenaltyPercent = draft.latePenaltyPercent();
        regradeDays = draft.regradeDays();
        rubric = draft.rubric().text();
        published = draft.published();
        updatedAt = now;
    }

    Deadline deadline() {
        return new Deadline(dueAt, Optional.ofNullable(cutoffAt), false);
    }

    Rubric rubric() {
        return Rubric.parse(rubric);
    }

    AssignmentDraft draft() {
        return new AssignmentDraft(kind, title, instructions, points, dueAt, Optional.ofNullable(cutoffAt),
                latePenaltyPercent, regradeDays, rubric(), published, version);
    }
}
