package io.lecturelab.draft;

import io.lecturelab.security.SignedInUser;

/**
 * Implemented by each feature whose documents keep drafts (a CDI bean per kind): decides who may edit a document, so
 * that the draft service asks the feature instead of depending on it.
 */
public interface DraftAccess {

    /** The kind this bean answers for, e.g. {@code lecture}. */
    String kind();

    /**
     * Refuses (with a {@link io.lecturelab.base.UserFacingException}) a user who may not edit the document, or a
     * document that is not in the course.
     */
    void requireEditor(long courseId, long documentId, SignedInUser user);
}
