package io.lecturelab.coursework.team;

/** Where a course's team formation stands now. */
public enum FormationState {
    /** staff have not set a window yet */
    NOT_SET,
    NOT_YET_OPEN,
    OPEN,
    CLOSED,
    /** staff locked the teams: only staff change them */
    LOCKED
}
