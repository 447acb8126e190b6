package io.lecturelab.lecture;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** One lecture with its text and attachments, as a member reads or an editor edits it. */
public record LectureDetails(long id, long courseId, int week, Optional<LocalDate> date, String title, String body,
                             String recordingUrl, Optional<ZonedDateTime> liveStartsAt, String liveUrl,
                             boolean published, int version, boolean studied, List<Attachment> attachments,
                             boolean staff) {
}
