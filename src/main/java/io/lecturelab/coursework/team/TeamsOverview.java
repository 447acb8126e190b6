package io.lecturelab.coursework.team;

import java.util.List;
import java.util.Optional;

/** Everything the teams page shows one member of the course. */
public record TeamsOverview(Formation formation, boolean student, boolean staff, boolean instructor,
                            Optional<TeamInfo> myTeam, List<TeamInfo> teams, List<Seeker> board, boolean onBoard) {
}
