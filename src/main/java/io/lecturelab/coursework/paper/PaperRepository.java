package io.lecturelab.coursework.paper;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Papers as entities; preferences, the course's matching state and assignments as rows. */
@ApplicationScoped
class PaperRepository implements PanacheRepository<Paper> {

    /** The course's matching settings and state. */
    record MatchingState(int capPerPaper, int choices, Optional<Instant> computedAt, Optional<Instant> publishedAt) {

        static final MatchingState DEFAULT = new MatchingState(2, 3, Optional.empty(), Optional.empty());

        boolean published() {
            return publishedAt.isPresent();
        }
    }

    /** One row of {@code paper_assignment}. */
    record AssignmentRow(long userId, long paperId, Integer choice, boolean byHand) {
    }

    List<Paper> ofCourse(long courseId) {
        return list("courseId = ?1 order by id", courseId);
    }

    Optional<Paper> inCourse(long courseId, long paperId) {
        return findByIdOptional(paperId).filter(p -> p.courseId == courseId);
    }

    // --- matching state ------------------------------------------------------------------------------------------

    /** The course's matching row, created with defaults when missing, locked until the transaction ends. */
    MatchingState lock(long courseId) {
        getEntityManager().createNativeQuery(
                        "insert into paper_matching (course_id) values (?1) on conflict (course_id) do nothing")
                .setParameter(1, courseId).executeUpdate();
        return state(courseId, " for update").orElseThrow();
    }

    MatchingState state(long courseId) {
        return state(courseId, "").orElse(MatchingState.DEFAULT);
    }

    private Optional<MatchingState> state(long courseId, String lock) {
        List<?> rows = getEntityManager().createNativeQuery("select cap_per_paper, choices, computed_at, published_at"
                + " from paper_matching where course_id = ?1" + lock).setParameter(1, courseId).getResultList();
        return rows.stream().findFirst().map(row -> {
            Object[] r = (Object[]) row;
            return new MatchingState(((Number) r[0]).intValue(), ((Number) r[1]).intValue(), instant(r[2]),
                    instant(r[3]));
        });
    }

    void settings(long courseId, int capPerPaper, int choices) {
        getEntityManager().createNativeQuery("update paper_matching set cap_per_paper = ?2, choices = ?3,"
                        + " version = version + 1 where course_id = ?1")
                .setParameter(1, courseId).setParameter(2, capPerPaper).setParameter(3, choices).executeUpdate();
    }

    void computed(long courseId, Instant at) {
        getEntityManager().createNativeQuery("update paper_matching set computed_at = ?2, version = version + 1"
                + " where course_id = ?1").setParameter(1, courseId).setParameter(2, at).executeUpdate();
    }

    void published(long courseId, Instant at) {
        getEntityManager().createNativeQuery("update paper_matching set published_at = ?2, version = version + 1"
                + " where course_id = ?1").setParameter(1, courseId).setParameter(2, at).executeUpdate();
    }

    // --- preferences ---------------------------------------------------------------------------------------------

    /** Every ranking of the course as (user id, paper id, rank), by user and rank. */
    List<long[]> preferences(long courseId) {
        List<?> rows = getEntityManager().createNativeQuery("select user_id, paper_id, rank from paper_preference"
                + " where course_id = ?1 order by user_id, rank").setParameter(1, courseId).getResultList();
        return rows.stream().map(row -> {
            Object[] r = (Object[]) row;
            return new long[] {((Number) r[0]).longValue(), ((Number) r[1]).longValue(), ((Number) r[2]).longValue()};
        }).toList();
    }

    List<Long> ranking(long courseId, long userId) {
        List<?> rows = getEntityManager().createNativeQuery("select paper_id from paper_preference"
                        + " where course_id = ?1 and user_id = ?2 order by rank")
                .setParameter(1, courseId).setParameter(2, userId).getResultList();
        return rows.stream().map(r -> ((Number) r).longValue()).toList();
    }

    void replaceRanking(long courseId, long userId, List<Long> paperIds) {
        getEntityManager().createNativeQuery("delete from paper_preference where course_id = ?1 and user_id = ?2")
                .setParameter(1, courseId).setParameter(2, userId).executeUpdate();
        for (int i = 0; i < paperIds.size(); i++) {
            getEntityManager().createNativeQuery("insert into paper_preference (course_id, user_id, paper_id, rank)"
                            + " values (?1, ?2, ?3, ?4)")
                    .setParameter(1, courseId).setParameter(2, userId).setParameter(3, paperIds.get(i))
                    .setParameter(4, i + 1).executeUpdate();
        }
    }

    // --- assignments ---------------------------------------------------------------------------------------------

    List<AssignmentRow> assignments(long courseId) {
        List<?> rows = getEntityManager().createNativeQuery("select user_id, paper_id, choice, by_hand"
                + " from paper_assignment where course_id = ?1").setParameter(1, courseId).getResultList();
        return rows.stream().map(row -> {
            Object[] r = (Object[]) row;
            return new AssignmentRow(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                    r[2] == null ? null : ((Number) r[2]).intValue(), (Boolean) r[3]);
        }).toList();
    }

    Optional<Long> paperOf(long courseId, long userId) {
        List<?> rows = getEntityManager().createNativeQuery("select paper_id from paper_assignment"
                        + " where course_id = ?1 and user_id = ?2")
                .setParameter(1, courseId).setParameter(2, userId).getResultList();
        return rows.stream().findFirst().map(r -> ((Number) r).longValue());
    }

    void replaceAssignments(long courseId, List<PaperMatching.Placement> placements, Instant at) {
        getEntityManager().createNativeQuery("delete from paper_assignment where course_id = ?1")
                .setParameter(1, courseId).executeUpdate();
        for (PaperMatching.Placement p : placements) {
            assign(courseId, p.studentId(), p.paperId(), p.choice().isPresent() ? p.choice().getAsInt() : null,
                    false, at);
        }
    }

    void assign(long courseId, long userId, long paperId, Integer choice, boolean byHand, Instant at) {
        getEntityManager().createNativeQuery("insert into paper_assignment (course_id, user_id, paper_id, choice,"
                        + " by_hand, assigned_at) values (?1, ?2, ?3, nullif(?4, 0), ?5, ?6) on conflict (course_id, user_id)"
                        + " do update set paper_id = excluded.paper_id, choice = excluded.choice,"
                        + " by_hand = excluded.by_hand, assigned_at = excluded.assigned_at")
                .setParameter(1, courseId).setParameter(2, userId).setParameter(3, paperId)
                .setParameter(4, choice == null ? 0 : choice).setParameter(5, byHand).setParameter(6, at)
                .executeUpdate();
    }

    long studentsOn(long paperId, long exceptUserId) {
        return ((Number) getEntityManager().createNativeQuery("select count(*) from paper_assignment"
                        + " where paper_id = ?1 and user_id <> ?2")
                .setParameter(1, paperId).setParameter(2, exceptUserId).getSingleResult()).longValue();
    }

    static Optional<Instant> instant(Object value) {
        return Optional.ofNullable(switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("not a time: " + value.getClass());
        });
    }
}
