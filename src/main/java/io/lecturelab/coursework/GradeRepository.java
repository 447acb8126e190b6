package io.lecturelab.coursework;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
class GradeRepository implements PanacheRepository<Grade> {

    List<Grade> ofAssignment(long assignmentId) {
        return list("assignmentId", assignmentId);
    }

    Optional<Grade> of(long assignmentId, Owner owner) {
        return find("assignmentId = ?1 and " + (owner.team() ? "teamId" : "userId") + " = ?2", assignmentId,
                owner.id()).firstResultOptional();
    }

    List<RegradeRequest> regrades(long gradeId) {
        return getEntityManager().createQuery("from RegradeRequest where gradeId = ?1 order by id",
                RegradeRequest.class).setParameter(1, gradeId).getResultList();
    }

    Optional<RegradeRequest> regrade(long id) {
        return Optional.ofNullable(getEntityManager().find(RegradeRequest.class, id));
    }

    void persist(RegradeRequest request) {
        getEntityManager().persist(request);
    }

    /** Open regrade requests per grade id of an assignment. */
    List<Long> gradesWithOpenRegrades(long assignmentId) {
        return getEntityManager().createQuery("select r.gradeId from RegradeRequest r, Grade g where r.gradeId = g.id "
                        + "and g.assignmentId = ?1 and r.status = ?2", Long.class)
                .setParameter(1, assignmentId).setParameter(2, RegradeRequest.Status.OPEN).getResultList();
    }
}
