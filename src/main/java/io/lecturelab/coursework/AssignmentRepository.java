package io.lecturelab.coursework;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
class AssignmentRepository implements PanacheRepository<Assignment> {

    List<Assignment> ofCourse(long courseId) {
        return list("courseId = ?1 order by dueAt, id", courseId);
    }

    Optional<Assignment> inCourse(long courseId, long assignmentId) {
        return findByIdOptional(assignmentId).filter(a -> a.courseId == courseId);
    }

    List<Extension> extensions(long assignmentId) {
        return getEntityManager().createQuery("from Extension where assignmentId = ?1 order by id", Extension.class)
                .setParameter(1, assignmentId).getResultList();
    }

    Optional<Extension> extension(long assignmentId, Owner owner) {
        return getEntityManager().createQuery("from Extension where assignmentId = ?1 and "
                        + (owner.team() ? "teamId" : "userId") + " = ?2", Extension.class)
                .setParameter(1, assignmentId).setParameter(2, owner.id()).getResultStream().findFirst();
    }

    void persist(Extension extension) {
        getEntityManager().persist(extension);
    }

    void delete(Extension extension) {
        getEntityManager().remove(extension);
    }
}
