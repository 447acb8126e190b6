package io.lecturelab.gradebook;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The gradebook's rows: items (this repository's own type), categories, scores and their changes. */
@ApplicationScoped
class GradebookRepository implements PanacheRepository<Item> {

    /**
     * Makes the course's gradebook row if there is none; true for the one caller that made it (two first readers at
     * once: the second waits for the first and gets false).
     */
    boolean open(long courseId, Instant now) {
        if (!getEntityManager().createNativeQuery("select 1 from gradebook where course_id = ?1")
                .setParameter(1, courseId).getResultList().isEmpty()) {
            return false;
        }
        return getEntityManager().createNativeQuery("insert into gradebook (course_id, created_at) values (?1, ?2) "
                        + "on conflict (course_id) do nothing")
                .setParameter(1, courseId).setParameter(2, now).executeUpdate() == 1;
    }

    int version(long courseId) {
        return ((Number) getEntityManager().createNativeQuery(
                "select version from gradebook where course_id = ?1").setParameter(1, courseId)
                .getSingleResult()).intValue();
    }

    /** Moves the categories' version on from {@code seen}; false when someone else moved it first. */
    boolean bump(long courseId, int seen) {
        return getEntityManager().createNativeQuery("update gradebook set version = version + 1 "
                        + "where course_id = ?1 and version = ?2")
                .setParameter(1, courseId).setParameter(2, seen).executeUpdate() == 1;
    }

    List<Category> categories(long courseId) {
        return getEntityManager().createQuery("from Category where courseId = ?1 order by position, id",
                Category.class).setParameter(1, courseId).getResultList();
    }

    void persist(Category category) {
        getEntityManager().persist(category);
    }

    void delete(Category category) {
        getEntityManager().remove(category);
    }

    /** The live items (not removed). */
    List<Item> items(long courseId) {
        return list("courseId = ?1 and removedAt is null order by position, id", courseId);
    }

    /** A live item. */
    Optional<Item> item(long courseId, long itemId) {
        return find("courseId = ?1 and id = ?2 and removedAt is null", courseId, itemId).firstResultOptional();
    }

    /** An item, removed or not (its history stays readable). */
    Optional<Item> itemEvenRemoved(long courseId, long itemId) {
        return find("courseId = ?1 and id = ?2", courseId, itemId).firstResultOptional();
    }

    /** Removed items, most recently removed first. */
    List<Item> removedItems(long courseId) {
        return list("courseId = ?1 and removedAt is not null order by removedAt desc, id", courseId);
    }

    int nextItemPosition(long courseId) {
        Number max = (Number) getEntityManager().createQuery(
                "select coalesce(max(position), 0) from Item where courseId = ?1").setParameter(1, courseId)
                .getSingleResult();
        return max.intValue() + 1;
    }

    List<Score> scores(long courseId) {
        return getEntityManager().createQuery("select s from Score s, Item i where s.itemId = i.id "
                + "and i.courseId = ?1 and i.removedAt is null", Score.class).setParameter(1, courseId).getResultList();
    }

    List<Score> scoresOf(long courseId, long userId) {
        return getEntityManager().createQuery("select s from Score s, Item i where s.itemId = i.id "
                + "and i.courseId = ?1 and i.removedAt is null and s.userId = ?2", Score.class).setParameter(1, courseId)
                .setParameter(2, userId).getResultList();
    }

    Optional<Score> score(long itemId, long userId) {
        return getEntityManager().createQuery("from Score where itemId = ?1 and userId = ?2", Score.class)
                .setParameter(1, itemId).setParameter(2, userId).getResultStream().findFirst();
    }

    boolean hasMarks(long itemId) {
        return getEntityManager().createQuery("select count(s) from Score s where s.itemId = ?1 "
                + "and (s.points is not null or s.excused = true)", Long.class).setParameter(1, itemId)
                .getSingleResult() > 0;
    }

    void persist(Score score) {
        getEntityManager().persist(score);
    }

    void persist(ScoreChange change) {
        getEntityManager().persist(change);
    }

    void persist(LayoutChange change) {
        getEntityManager().persist(change);
    }

    List<LayoutChange> layoutHistory(long courseId) {
        return getEntityManager().createQuery("from LayoutChange where courseId = ?1 order by changedAt, id",
                LayoutChange.class).setParameter(1, courseId).getResultList();
    }

    List<ScoreChange> history(long itemId, long userId) {
        return getEntityManager().createQuery("from ScoreChange where itemId = ?1 and userId = ?2 "
                + "order by changedAt, id", ScoreChange.class).setParameter(1, itemId).setParameter(2, userId)
                .getResultList();
    }
}
