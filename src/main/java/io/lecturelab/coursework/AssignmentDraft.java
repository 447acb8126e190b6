package io.lecturelab.coursework;

import io.lecturelab.base.UserFacingException;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What staff enter for an assignment; checked as it is made, so a bad one never reaches the service.
 *
 * @param latePenaltyPercent 0: late work is accepted and flagged; otherwise the share of the points taken off per
 *                           started day late
 * @param regradeDays        for how many days after release a student may ask for a regrade
 * @param version            the version the edit is based on (0 for a new assignment)
 */
public record AssignmentDraft(AssignmentKind kind, String title, String instructions, int points, Instant dueAt,
                              Optional<Instant> cutoffAt, int latePenaltyPercent, int regradeDays, Rubric rubric,
                              boolean published, int version) {

    public AssignmentDraft {
        Objects.requireNonNull(kind);
        title = title == null ? "" : title.strip();
        instructions = instructions == null ? "" : instructions;
        cutoffAt = cutoffAt == null ? Optional.empty() : cutoffAt;
        rubric = rubric == null ? Rubric.NONE : rubric;
        if (title.isEmpty() || title.length() > 200) {
            throw new UserFacingException("assignment.error.title");
        }
        if (points < 1 || points > 1000) {
            throw new UserFacingException("assignment.error.points");
        }
        if (dueAt == null) {
            throw new UserFacingException("assignment.error.due");
        }
        if (cutoffAt.filter(c -> c.isBefore(dueAt)).isPresent()) {
            throw new UserFacingException("assignment.error.cutoffBeforeDue");
        }
        if (latePenaltyPercent < 0 || latePenaltyPercent > 100) {
            throw new UserFacingException("assignment.error.penalty");
        }
        if (regradeDays < 0 || regradeDays > 60) {
            throw new UserFacingException("assignment.error.regradeDays");
        }
        if (!rubric.items().isEmpty() && rubric.total() != points) {
            throw new UserFacingException("assignment.error.rubricTotal", rubric.total(), points);
        }
    }
}
