package io.lecturelab.announcement;

import java.time.ZoneId;
import java.util.List;

/** A course's announcements, newest first, for one member; {@code staff} may post, edit and delete. */
public record AnnouncementList(List<AnnouncementItem> items, long unread, boolean staff, ZoneId zone) {
}
