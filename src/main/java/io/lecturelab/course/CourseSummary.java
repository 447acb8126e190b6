package io.lecturelab.course;

import java.util.Optional;

/** A course as listed for one user, with that user's role in it (empty for an administrator who is no member). */
public record CourseSummary(long id, String slug, String title, String term, Optional<CourseRole> role) {
}
