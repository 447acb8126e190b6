package io.lecturelab.coursework.team;

/** The proposal's three parts, as the course asks for them. */
public enum ProposalPart {
    /** 1) what research exists */
    RESEARCH,
    /** 2) what its problems are */
    PROBLEMS,
    /** 3) how the team would like to approach them */
    APPROACH
}
