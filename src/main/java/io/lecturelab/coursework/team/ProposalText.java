package io.lecturelab.coursework.team;

/** One part of a proposal and the version of it that was read. */
public record ProposalText(String text, int version) {
}
