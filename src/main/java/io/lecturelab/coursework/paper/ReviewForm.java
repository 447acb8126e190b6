package io.lecturelab.coursework.paper;

import java.time.Instant;
import java.util.Optional;

/**
 * The review page of one paper-review assignment. Students whose paper is published can write ({@code editable});
 * staff see the empty form as students do (drafts stay the student's own until submitted).
 *
 * @param paper   the viewer's published paper; empty for staff and before publishing
 * @param version the draft's version to name when saving it (0: no draft yet)
 */
public record ReviewForm(long assignmentId, String assignmentTitle, Optional<PaperSummary> paper, boolean editable,
                         boolean staff, ReviewText draft, int version, Optional<Instant> savedAt) {
}
