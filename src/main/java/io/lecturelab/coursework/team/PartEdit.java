package io.lecturelab.coursework.team;

/** A part as the saver changed it, with the version they started from. */
public record PartEdit(ProposalPart part, String text, int baseVersion) {
}
