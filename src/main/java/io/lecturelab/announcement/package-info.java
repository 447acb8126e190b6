/** Announcements that a course's staff post to its members: shown with an unread mark, and e-mailed. */
package io.lecturelab.announcement;
