package io.lecturelab.course;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
class CourseMemberRepository implements PanacheRepository<CourseMember> {

    Optional<CourseMember> find(long courseId, long userId) {
        return find("course.id = ?1 and user.id = ?2", courseId, userId).firstResultOptional();
    }

    List<CourseMember> ofCourse(long courseId) {
        return list("select m from CourseMember m join fetch m.user u where m.course.id = ?1 order by m.role desc, u.displayName",
                courseId);
    }

    List<CourseMember> ofUser(long userId) {
        return list("select m from CourseMember m join fetch m.course c where m.user.id = ?1 order by c.createdAt desc",
                userId);
    }
}
