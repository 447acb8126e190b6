package io.lecturelab.lecture;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

@ApplicationScoped
class ProgressRepository implements PanacheRepositoryBase<LectureProgress, LectureProgress.Key> {

    Set<Long> studiedBy(long userId, long courseId) {
        return getEntityManager().createQuery("select p.lectureId from LectureProgress p, Lecture l "
                        + "where l.id = p.lectureId and l.courseId = ?1 and p.userId = ?2", Long.class)
                .setParameter(1, courseId).setParameter(2, userId).getResultStream().collect(Collectors.toSet());
    }

    List<LectureProgress> ofCourse(long courseId) {
        return list("lectureId in (select l.id from Lecture l where l.courseId = ?1)", courseId);
    }
}
