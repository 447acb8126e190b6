package io.lecturelab.coursework.team;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A team's proposal. Each part carries its own version, so that teammates editing different parts never collide
 * and a part changed by someone else since it was read is never overwritten.
 */
@Entity
@Table(name = "team_proposal")
class TeamProposal {

    @Id
    @Column(name = "team_id")
    Long teamId;

    @Column(nullable = false)
    String research = "";

    @Column(name = "research_version", nullable = false)
    int researchVersion;

    @Column(nullable = false)
    String problems = "";

    @Column(name = "problems_version", nullable = false)
    int problemsVersion;

    @Column(nullable = false)
    String approach = "";

    @Column(name = "approach_version", nullable = false)
    int approachVersion;

    @Column(name = "updated_by")
    Long updatedBy;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    String text(ProposalPart part) {
        return switch (part) {
            case RESEARCH -> research;
            case PROBLEMS -> problems;
            case APPROACH -> approach;
        };
    }

    int version(ProposalPart part) {
        return switch (part) {
            case RESEARCH -> researchVersion;
            case PROBLEMS -> problemsVersion;
            case APPROACH -> approachVersion;
        };
    }

    /** Replaces one part's text and counts its version up. */
    void write(ProposalPart part, String text, long userId, Instant now) {
        switch (part) {
            case RESEARCH -> {
                research = text;
                researchVersion++;
            }
            case PROBLEMS -> {
                problems = text;
                problemsVersion++;
            }
            case APPROACH -> {
                approach = text;
                approachVersion++;
            }
        }
        updatedBy = userId;
        updatedAt = now;
    }
}
