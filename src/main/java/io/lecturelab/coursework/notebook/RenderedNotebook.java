package io.lecturelab.coursework.notebook;

import java.util.List;

/**
 * A notebook as safe HTML for {@code lecture-content} (math in {@code span.math-inline} / {@code span.math-display}
 * as TeX text, code in {@code pre code.language-…}); every other class is the renderer's own and starts with
 * {@code nb-}.
 *
 * @param html     sanitised HTML of all cells, never raw user input
 * @param language the notebook's programming language in lower case (e.g. {@code python}), empty when unstated
 * @param cells    the number of cells shown
 * @param warnings what was left out or changed, in the reader's language; empty when shown as written
 */
public record RenderedNotebook(String html, String language, int cells, List<String> warnings) {

    public RenderedNotebook {
        warnings = List.copyOf(warnings);
    }
}
