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

    /**
     * Keeps who was on the team when a team grade with nothing handed in was first graded (its points go to them);
     * a later regrade keeps the first members.
     */
    void keepMembersIfNone(long gradeId, long teamId) {
        getEntityManager().createNativeQuery("insert into grade_member (grade_id, user_id) "
                        + "select ?1, user_id from team_member where team_id = ?2 "
                        + "and not exists (select 1 from grade_member where grade_id = ?1)")
                .setParameter(1, gradeId).setParameter(2, teamId).executeUpdate();
    }
}
