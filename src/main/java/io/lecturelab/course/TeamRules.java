package io.lecturelab.course;

import io.lecturelab.base.UserFacingException;

import java.util.Optional;
import java.util.stream.Stream;

/** Team project rules: team size range and the proposal presentation's length. */
public record TeamRules(int minSize, int maxSize, int presentationMinutes) {

    /** The sample course's rules: teams of 2 to 3, seven-minute presentations. */
    public static final TeamRules SAMPLE = new TeamRules(2, 3, 7);

    /**
     * What team formation allows while the instructor has entered no rules: any team size the system allows
     * (1 to 10) and ten-minute presentation slots. Never shown as the course's rules.
     */
    public static final TeamRules UNSET = new TeamRules(1, 10, 10);

    public TeamRules {
        if (minSize < 1 || maxSize < minSize || maxSize > 10) {
            throw new UserFacingException("course.error.teamSize");
        }
        if (presentationMinutes < 1 || presentationMinutes > 120) {
            throw new UserFacingException("course.error.presentation");
        }
    }

    /** Rules from a form's fields: none when every field is empty, refused when only some are filled in. */
    public static Optional<TeamRules> fromFields(Integer minSize, Integer maxSize, Integer presentationMinutes) {
        long filled = Stream.of(minSize, maxSize, presentationMinutes).filter(v -> v != null).count();
        if (filled == 0) {
            return Optional.empty();
        }
        if (filled < 3) {
            throw new UserFacingException("course.error.teamPartial");
        }
        return Optional.of(new TeamRules(minSize, maxSize, presentationMinutes));
    }
}
