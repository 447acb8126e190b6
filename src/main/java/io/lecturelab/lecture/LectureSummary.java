package io.lecturelab.lecture;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/** A lecture as the schedule lists it; the live class time is in the course's time zone. */
public record LectureSummary(long id, int position, int week, Optional<LocalDate> date, String title,
                             boolean published, String recordingUrl, Optional<ZonedDateTime> liveStartsAt,
                             String liveUrl, boolean studied) {
}
