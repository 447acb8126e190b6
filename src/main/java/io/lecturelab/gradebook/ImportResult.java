package io.lecturelab.gradebook;

import java.util.List;

/** The outcome of applying a score file: either the number of changed cells, or why nothing was changed. */
public record ImportResult(int changed, List<ImportProblem> problems) {

    public boolean applied() {
        return problems.isEmpty();
    }
}
