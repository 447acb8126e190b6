package io.lecturelab.course;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.draft.DocumentRef;
import io.lecturelab.draft.DraftAccess;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;

/** Drafts of a course's home page (its settings): kept for those who may edit it, the instructors. */
@ApplicationScoped
public class CourseHomeDrafts implements DraftAccess {

    public static final String KIND = "course-home";

    private final CourseService courses;

    CourseHomeDrafts(CourseService courses) {
        this.courses = courses;
    }

    public static DocumentRef of(long courseId) {
        return new DocumentRef(KIND, courseId, courseId);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void requireEditor(long courseId, long documentId, SignedInUser user) {
        if (documentId != courseId) {
            throw new UserFacingException("draft.error.notFound");
        }
        courses.requireInstructor(courseId, user);
    }
}
