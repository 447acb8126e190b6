package io.lecturelab.course;

import io.lecturelab.base.UserFacingException;

/** Team project rules: team size range and the proposal presentation's length. */
public record TeamRules(int minSize, int maxSize, int presentationMinutes) {

    public static final TeamRules DEFAULT = new TeamRules(2, 3, 7);

    public TeamRules {
        if (minSize < 1 || maxSize < minSize || maxSize > 10) {
            throw new UserFacingException("course.error.teamSize");
        }
        if (presentationMinutes < 1 || presentationMinutes > 120) {
            throw new UserFacingException("course.error.presentation");
        }
    }
}
