package io.lecturelab.coursework.team;

import java.util.List;

/** The outcome of a save: the proposal as stored now, the parts that were saved and those that conflicted. */
public record ProposalSave(Proposal proposal, List<ProposalPart> saved, List<PartConflict> conflicts) {
}
