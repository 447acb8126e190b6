package io.lecturelab.coursework;

/** The three kinds of coursework the course asks for. */
public enum AssignmentKind {
    /** A programming homework: a Colab or GitHub link and/or files, optionally a classifier-lab run. */
    HOMEWORK,
    /** The review of the paper assigned to the student. */
    PAPER_REVIEW,
    /** The team's project proposal: one submission per team. */
    PROPOSAL;

    /** Whether a team (rather than one student) submits and is graded. */
    public boolean teamWork() {
        return this == PROPOSAL;
    }
}
