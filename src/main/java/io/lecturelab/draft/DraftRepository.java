package io.lecturelab.draft;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Drafts, one row per (user, kind, document); a save replaces the row in one statement. */
@ApplicationScoped
class DraftRepository {

    record StoredDraft(String json, int baseVersion, Instant savedAt) {
    }

    private final EntityManager entityManager;

    DraftRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    Optional<StoredDraft> find(long userId, DocumentRef ref) {
        List<?> rows = entityManager.createNativeQuery("select fields, base_version, saved_at from editor_draft"
                        + " where user_id = ?1 and kind = ?2 and document_id = ?3 and course_id = ?4")
                .setParameter(1, userId).setParameter(2, ref.kind()).setParameter(3, ref.documentId())
                .setParameter(4, ref.courseId()).getResultList();
        return rows.stream().findFirst().map(row -> {
            Object[] r = (Object[]) row;
            return new StoredDraft((String) r[0], ((Number) r[1]).intValue(), instant(r[2]));
        });
    }

    void save(long userId, DocumentRef ref, String json, int baseVersion, Instant at) {
        entityManager.createNativeQuery("insert into editor_draft (user_id, kind, document_id, course_id, fields,"
                        + " base_version, saved_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                        + " on conflict (user_id, kind, document_id) do update set course_id = excluded.course_id,"
                        + " fields = excluded.fields, base_version = excluded.base_version,"
                        + " saved_at = excluded.saved_at")
                .setParameter(1, userId).setParameter(2, ref.kind()).setParameter(3, ref.documentId())
                .setParameter(4, ref.courseId()).setParameter(5, json).setParameter(6, baseVersion)
                .setParameter(7, at).executeUpdate();
    }

    int delete(long userId, DocumentRef ref) {
        return entityManager.createNativeQuery("delete from editor_draft where user_id = ?1 and kind = ?2"
                        + " and document_id = ?3")
                .setParameter(1, userId).setParameter(2, ref.kind()).setParameter(3, ref.documentId())
                .executeUpdate();
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("not a time: " + value);
        };
    }
}
