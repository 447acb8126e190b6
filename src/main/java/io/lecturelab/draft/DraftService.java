package io.lecturelab.draft;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps each user's unsaved edit of a document, so that it can be offered back after a closed tab, a crash or a
 * server restart. A user only ever reads and writes their own drafts, and only of documents they may edit (the
 * document's feature decides, see {@link DraftAccess}). One draft per user and document: the latest write wins,
 * except that a page going away never replaces a draft written after its own last edit ({@link #keepOnLeaving}).
 */
@ApplicationScoped
@Transactional
public class DraftService {

    /** Room for the longest lecture (500 000 characters) and its other fields. */
    public static final int MAX_CHARS = 1_000_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {
    };

    private final DraftRepository drafts;
    private final Instance<DraftAccess> access;
    private final Clock clock;

    DraftService(DraftRepository drafts, Instance<DraftAccess> access, Clock clock) {
        this.drafts = drafts;
        this.access = access;
        this.clock = clock;
    }

    /** The user's draft of the document, if one is kept. */
    public Optional<Draft> find(DocumentRef ref, SignedInUser user) {
        requireEditor(ref, user);
        return drafts.find(user.id(), ref).map(stored -> new Draft(fields(stored.json()), stored.baseVersion(),
                stored.savedAt()));
    }

    /**
     * Keeps {@code fields} as the user's draft of the document, replacing any earlier one.
     *
     * @param baseVersion the document's version when the edit began
     */
    public Draft save(DocumentRef ref, Map<String, String> fields, int baseVersion, SignedInUser user) {
        requireEditor(ref, user);
        int size = fields.entrySet().stream()
                .mapToInt(e -> e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().length())).sum();
        if (size > MAX_CHARS) {
            throw new UserFacingException("draft.error.tooLarge", MAX_CHARS);
        }
        Map<String, String> copy = new LinkedHashMap<>();
        fields.forEach((name, value) -> copy.put(name, value == null ? "" : value));
        Draft draft = new Draft(copy, baseVersion, clock.instant());
        drafts.save(user.id(), ref, JSON.writeValueAsString(copy), baseVersion, draft.savedAt());
        return draft;
    }

    /**
     * Keeps {@code fields} as the page that holds them goes away (a closed tab's session expiring, a server
     * stopping), unless the user's kept draft was written after this page's last edit: then another page of the same
     * editor (a newer tab) wrote it, and this page's older text must not replace it.
     *
     * @param sinceLastEdit how long ago this page's form last changed
     * @return whether {@code fields} were kept
     */
    public boolean keepOnLeaving(DocumentRef ref, Map<String, String> fields, int baseVersion, SignedInUser user,
                                 Duration sinceLastEdit) {
        requireEditor(ref, user);
        Instant editedAt = clock.instant().minus(sinceLastEdit);
        Optional<Instant> kept = drafts.find(user.id(), ref).map(DraftRepository.StoredDraft::savedAt);
        if (kept.isPresent() && kept.get().isAfter(editedAt)) {
            return false;
        }
        save(ref, fields, baseVersion, user);
        return true;
    }

    /** Forgets the user's draft of the document (after a save, or when they chose to discard it). */
    public void discard(DocumentRef ref, SignedInUser user) {
        requireEditor(ref, user);
        drafts.delete(user.id(), ref);
    }

    private void requireEditor(DocumentRef ref, SignedInUser user) {
        DraftAccess owner = access.stream().filter(a -> a.kind().equals(ref.kind())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no drafts of kind " + ref.kind()));
        owner.requireEditor(ref.courseId(), ref.documentId(), user);
    }

    private static Map<String, String> fields(String json) {
        try {
            Map<String, String> read = JSON.readValue(json, FIELDS);
            return read == null ? Map.of() : read;
        } catch (JacksonException e) {
            return Map.of();
        }
    }
}
