package io.lecturelab.draft;

/**
 * One editable document: its kind (named by the feature that owns it, see {@link DraftAccess#kind()}), the course it
 * belongs to and its id within that kind.
 */
public record DocumentRef(String kind, long courseId, long documentId) {

    public DocumentRef {
        if (kind == null || kind.isBlank() || kind.length() > 32) {
            throw new IllegalArgumentException("kind: " + kind);
        }
    }
}
