package io.lecturelab.course;

import java.util.List;

/** Why one line of a roster file was refused: a message key and its arguments, for the user's language. */
public record RosterProblem(long line, String messageKey, List<Object> arguments) {

    public RosterProblem(long line, String messageKey, Object... arguments) {
        this(line, messageKey, List.of(arguments));
    }
}
