package io.lecturelab.gradebook.letters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored letter scales: one versioned row per course, its cut-offs and quotas replaced as a whole. */
@ApplicationScoped
class LetterScaleRepository {

    private final EntityManager entityManager;

    LetterScaleRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The course's stored scale with its version, or empty when it still uses the default (version 0). */
    Optional<Stored> find(long courseId) {
        List<?> version = entityManager.createNativeQuery("select version from letter_scale where course_id = ?1")
                .setParameter(1, courseId).getResultList();
        if (version.isEmpty()) {
            return Optional.empty();
        }
        List<LetterScale.Cutoff> cutoffs = rows("select letter, minimum from letter_cutoff where course_id = ?1 "
                + "order by position", courseId).stream()
                .map(r -> new LetterScale.Cutoff((String) r[0], (BigDecimal) r[1])).toList();
        List<LetterScale.Quota> quotas = rows("select through_letter, max_percent from letter_quota "
                + "where course_id = ?1 order by position", courseId).stream()
                .map(r -> new LetterScale.Quota((String) r[0], (BigDecimal) r[1])).toList();
        return Optional.of(new Stored(new LetterScale(cutoffs, quotas), ((Number) version.getFirst()).intValue()));
    }

    record Stored(LetterScale scale, int version) {
    }

    /**
     * Replaces the course's scale if it is still at {@code seen} (0: the default, nothing stored yet); false, changing
     * nothing, when someone saved since. Two savers at once: the second waits for the first's row and then finds the
     * version moved on.
     */
    boolean replace(long courseId, LetterScale scale, int seen, long userId, Instant now) {
        int claimed = seen == 0
                ? entityManager.createNativeQuery("insert into letter_scale (course_id, version, updated_by, "
                        + "updated_at) values (?1, 1, ?2, ?3) on conflict (course_id) do nothing")
                .setParameter(1, courseId).setParameter(2, userId).setParameter(3, now).executeUpdate()
                : entityManager.createNativeQuery("update letter_scale set version = version + 1, updated_by = ?2, "
                        + "updated_at = ?3 where course_id = ?1 and version = ?4")
                .setParameter(1, courseId).setParameter(2, userId).setParameter(3, now).setParameter(4, seen)
                .executeUpdate();
        if (claimed != 1) {
            return false;
        }
        entityManager.createNativeQuery("delete from letter_cutoff where course_id = ?1").setParameter(1, courseId)
                .executeUpdate();
        entityManager.createNativeQuery("delete from letter_quota where course_id = ?1").setParameter(1, courseId)
                .executeUpdate();
        int position = 0;
        for (LetterScale.Cutoff c : scale.cutoffs()) {
            entityManager.createNativeQuery("insert into letter_cutoff (course_id, position, letter, minimum) "
                            + "values (?1, ?2, ?3, ?4)").setParameter(1, courseId).setParameter(2, position++)
                    .setParameter(3, c.letter()).setParameter(4, c.minimum()).executeUpdate();
        }
        position = 0;
        for (LetterScale.Quota q : scale.quotas()) {
            entityManager.createNativeQuery("insert into letter_quota (course_id, position, through_letter, "
                            + "max_percent) values (?1, ?2, ?3, ?4)").setParameter(1, courseId)
                    .setParameter(2, position++).setParameter(3, q.through()).setParameter(4, q.maxPercent())
                    .executeUpdate();
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, long courseId) {
        return entityManager.createNativeQuery(sql).setParameter(1, courseId).getResultList();
    }
}
