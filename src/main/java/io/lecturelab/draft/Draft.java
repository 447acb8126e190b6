package io.lecturelab.draft;

import java.time.Instant;
import java.util.Map;

/**
 * An unsaved edit: the form's fields (name to value as text), the document's version when the edit began and when
 * the draft was last written.
 */
public record Draft(Map<String, String> fields, int baseVersion, Instant savedAt) {

    public Draft {
        fields = Map.copyOf(fields);
    }
}
