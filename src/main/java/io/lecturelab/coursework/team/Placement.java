package io.lecturelab.coursework.team;

import java.util.List;

/** What placing the students without a team did: who went where, and who could not be placed. */
public record Placement(List<Placed> placed, List<TeamMemberInfo> unplaced) {

    public record Placed(long userId, String displayName, long teamId, String teamName, boolean newTeam) {
    }
}
