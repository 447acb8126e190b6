package io.lecturelab.coursework;

import java.time.ZoneId;
import java.util.Optional;

/**
 * One assignment as its page shows it.
 *
 * @param deadline  the viewer's deadline (their extension's, if any); staff see the assignment's
 * @param draft     the assignment's fields, for staff to edit
 * @param teamId    for team work: the viewer's team (empty without one)
 */
public record AssignmentDetails(long id, long courseId, AssignmentDraft draft, Deadline deadline, ZoneId courseZone,
                                boolean staff, Optional<Long> teamId) {

    public AssignmentKind kind() {
        return draft.kind();
    }

    public String title() {
        return draft.title();
    }
}
