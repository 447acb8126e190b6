package io.lecturelab.announcement;

import io.lecturelab.base.UserFacingException;

/** What staff write: a title and Markdown text (rendered as lectures are). */
public record AnnouncementDraft(String title, String body) {

    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 50_000;

    /** @throws UserFacingException when the title is empty or too long, or the text too long */
    public AnnouncementDraft {
        title = title == null ? "" : title.strip();
        body = body == null ? "" : body.replace("\r\n", "\n").stripTrailing();
        if (title.isEmpty()) {
            throw new UserFacingException("announcement.error.title");
        }
        if (title.length() > MAX_TITLE) {
            throw new UserFacingException("announcement.error.titleLength", MAX_TITLE);
        }
        if (body.length() > MAX_BODY) {
            throw new UserFacingException("announcement.error.bodyLength", MAX_BODY);
        }
    }
}
