package io.lecturelab.lecture;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
class LectureRepository implements PanacheRepository<Lecture> {

    List<Lecture> ofCourse(long courseId) {
        return list("courseId = ?1 order by position", courseId);
    }

    int nextPosition(long courseId) {
        Integer max = getEntityManager()
                .createQuery("select max(l.position) from Lecture l where l.courseId = ?1", Integer.class)
                .setParameter(1, courseId).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    /** @param pattern a LIKE pattern in lower case, with {@code !} as its escape character */
    List<Lecture> search(long courseId, String pattern) {
        return list("courseId = ?1 and (lower(title) like ?2 escape '!' or lower(body) like ?2 escape '!') order by position",
                courseId, pattern);
    }
}
