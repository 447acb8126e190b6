package io.lecturelab.coursework.team;

/** A member of a team, by name. */
public record TeamMemberInfo(long userId, String displayName) {
}
