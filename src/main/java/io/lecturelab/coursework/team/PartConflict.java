package io.lecturelab.coursework.team;

/**
 * A part a teammate saved since the saver read it: the saver's text was not stored; both texts come back so the
 * saver can merge and save again from {@code theirVersion}.
 */
public record PartConflict(ProposalPart part, String yourText, String theirText, int theirVersion,
                           String theirName) {
}
