package io.lecturelab.gradebook;

import java.util.List;

/**
 * What importing a score file would do: every change (old → new), how many lines change nothing, and the refused
 * lines. Applying it is refused when anything in it has changed since (see {@link GradebookService#applyImport}).
 */
public record ImportPreview(List<Change> changes, int unchanged, List<ImportProblem> problems) {

    /** {@code version} is the cell's version when previewed. */
    public record Change(long line, long itemId, long userId, String studentNumber, String studentName,
                         String itemTitle, Mark before, Mark after, int version) {
    }

    public boolean clean() {
        return problems.isEmpty();
    }
}
