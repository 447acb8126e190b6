package io.lecturelab.coursework.team;

import java.util.List;
import java.util.Optional;

/**
 * A team as members of the course see it. The join code is there only for the team's own members and staff: a
 * code is the invitation.
 */
public record TeamInfo(long id, String name, String topic, List<TeamMemberInfo> members, int maxSize, boolean mine,
                       Optional<String> joinCode) {

    public boolean full() {
        return members.size() >= maxSize;
    }
}
