package io.lecturelab.lecture;

import java.util.List;
import java.util.Set;

/** Who studied which lecture: one row per student of the course. */
public record StudyReport(List<LectureSummary> lectures, List<Row> students) {

    public record Row(long userId, String name, String username, Set<Long> studied) {
    }
}
