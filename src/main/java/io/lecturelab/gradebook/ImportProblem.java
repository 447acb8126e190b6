package io.lecturelab.gradebook;

import java.util.List;

/** Why one line of a score file was refused (line 0: the whole file), as a message key and its arguments. */
public record ImportProblem(long line, String messageKey, List<Object> arguments) {

    public ImportProblem(long line, String messageKey, Object... arguments) {
        this(line, messageKey, List.of(arguments));
    }
}
