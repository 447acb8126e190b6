package io.lecturelab.coursework.paper;

import io.lecturelab.coursework.Deadline;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The review page of one paper-review assignment. Students whose paper is published can write ({@code editable});
 * staff see the empty form as students do (drafts stay the student's own until submitted).
 *
 * @param deadline the viewer's deadline (their extension's, if any)
 * @param paper   the viewer's published paper; empty for staff and before publishing
 * @param version the draft's version to name when saving it (0: no draft yet)
 */
public record ReviewForm(long assignmentId, String assignmentTitle, Deadline deadline, ZoneId courseZone,
                         Optional<PaperSummary> paper, boolean editable, boolean staff, ReviewText draft, int version,
                         Optional<Instant> savedAt) {
}
