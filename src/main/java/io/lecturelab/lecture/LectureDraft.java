package io.lecturelab.lecture;

import io.lecturelab.base.UserFacingException;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * What an editor writes. {@code liveStartsAt} is in the course's time zone. {@code version} is the version that was
 * read (0 for a new lecture); saving a stale one is refused so that nobody's edit is silently overwritten.
 */
public record LectureDraft(int week, LocalDate date, String title, String body, String recordingUrl,
                           LocalDateTime liveStartsAt, String liveUrl, int version) {

    static final int MAX_BODY = 500_000;

    public LectureDraft {
        title = title == null ? "" : title.strip();
        body = body == null ? "" : body;
        recordingUrl = recordingUrl == null ? "" : recordingUrl.strip();
        liveUrl = liveUrl == null ? "" : liveUrl.strip();
        if (title.isEmpty() || title.length() > 200) {
            throw new UserFacingException("lecture.error.title");
        }
        if (week < 1 || week > 60) {
            throw new UserFacingException("lecture.error.week");
        }
        if (body.length() > MAX_BODY) {
            throw new UserFacingException("lecture.error.bodyTooLong", MAX_BODY);
        }
        for (String url : new String[] {recordingUrl, liveUrl}) {
            if (!url.isEmpty() && (!url.matches("https?://\\S+") || url.length() > 500)) {
                throw new UserFacingException("lecture.error.url", url);
            }
        }
    }
}
