package io.lecturelab.coursework;

import java.util.List;
import java.util.Optional;

/** One student's (or team's) work on an assignment: every version, newest first, and the grade if the viewer may see it. */
public record WorkDetails(Owner owner, String name, Deadline deadline, List<Receipt> versions,
                          Optional<GradeView> grade) {

    public WorkDetails {
        versions = List.copyOf(versions);
    }
}
