package io.lecturelab.lecture;

import io.lecturelab.draft.DocumentRef;
import io.lecturelab.draft.DraftAccess;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;

/** Drafts of a lecture: kept for the course's staff, who may edit it. */
@ApplicationScoped
public class LectureDrafts implements DraftAccess {

    public static final String KIND = "lecture";

    private final LectureService lectures;

    LectureDrafts(LectureService lectures) {
        this.lectures = lectures;
    }

    public static DocumentRef of(long courseId, long lectureId) {
        return new DocumentRef(KIND, courseId, lectureId);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void requireEditor(long courseId, long documentId, SignedInUser user) {
        lectures.requireEditor(courseId, documentId, user);
    }
}
