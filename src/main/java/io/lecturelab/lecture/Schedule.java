package io.lecturelab.lecture;

import java.time.ZoneId;
import java.util.List;

/** The lectures a member may see, the course's time zone and the member's progress. */
public record Schedule(List<LectureSummary> lectures, ZoneId courseZone, boolean staff) {

    public long studied() {
        return lectures.stream().filter(l -> l.published() && l.studied()).count();
    }

    public long published() {
        return lectures.stream().filter(LectureSummary::published).count();
    }
}
