package io.lecturelab.announcement;

import java.time.Instant;
import java.util.Optional;

/**
 * An announcement as a member sees it: {@code unread} until they opened the announcements page while it was there;
 * {@code version} is what an edit must name.
 */
public record AnnouncementItem(long id, String title, String body, String author, Instant postedAt,
                               Optional<Instant> editedAt, boolean unread, int version) {
}
