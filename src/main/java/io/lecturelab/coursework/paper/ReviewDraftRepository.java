package io.lecturelab.coursework.paper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Review drafts, one per (assignment, student). A save names the version it replaces and the database decides in one
 * statement whether it still does, so two tabs (or two servers) never overwrite each other unnoticed.
 */
@ApplicationScoped
class ReviewDraftRepository {

    record StoredDraft(String json, Instant savedAt, int version) {
    }

    private final EntityManager entityManager;

    ReviewDraftRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    Optional<StoredDraft> find(long assignmentId, long userId) {
        List<?> rows = entityManager.createNativeQuery("select sections, saved_at, version from review_draft"
                        + " where assignment_id = ?1 and user_id = ?2")
                .setParameter(1, assignmentId).setParameter(2, userId).getResultList();
        return rows.stream().findFirst().map(row -> {
            Object[] r = (Object[]) row;
            return new StoredDraft((String) r[0], PaperRepository.instant(r[1]).orElseThrow(),
                    ((Number) r[2]).intValue());
        });
    }

    /**
     * Stores the draft if {@code expectedVersion} is the stored one (0: none stored yet).
     *
     * @return the new version, or empty when the stored draft is another one
     */
    Optional<Integer> save(long assignmentId, long userId, String json, Instant at, int expectedVersion) {
        int changed;
        if (expectedVersion == 0) {
            changed = entityManager.createNativeQuery("insert into review_draft (assignment_id, user_id, sections,"
                            + " saved_at, version) values (?1, ?2, ?3, ?4, 1) on conflict do nothing")
                    .setParameter(1, assignmentId).setParameter(2, userId).setParameter(3, json)
                    .setParameter(4, at).executeUpdate();
        } else {
            changed = entityManager.createNativeQuery("update review_draft set sections = ?3, saved_at = ?4,"
                            + " version = version + 1 where assignment_id = ?1 and user_id = ?2 and version = ?5")
                    .setParameter(1, assignmentId).setParameter(2, userId).setParameter(3, json)
                    .setParameter(4, at).setParameter(5, expectedVersion).executeUpdate();
        }
        return changed == 1 ? Optional.of(expectedVersion + 1) : Optional.empty();
    }
}
