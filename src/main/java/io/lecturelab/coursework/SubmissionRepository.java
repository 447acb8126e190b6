package io.lecturelab.coursework;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Submissions and their files. File contents live in {@code submission_file_chunk}, {@link #CHUNK_BYTES} per row,
 * which no entity maps: listing versions never reads the bytes and a download holds one chunk at a time.
 */
@ApplicationScoped
class SubmissionRepository implements PanacheRepository<Submission> {

    static final int CHUNK_BYTES = 256 * 1024;

    /** One owner's versions of an assignment, oldest first. */
    List<Submission> versions(long assignmentId, Owner owner) {
        return list("assignmentId = ?1 and " + (owner.team() ? "teamId" : "userId") + " = ?2 order by version",
                assignmentId, owner.id());
    }

    /** Every version of every owner of an assignment, oldest first (a class is small enough to read at once). */
    List<Submission> ofAssignment(long assignmentId) {
        return list("assignmentId = ?1 order by version", assignmentId);
    }

    /**
     * Waits until no other transaction is adding a version for the same owner and assignment (a transaction-scoped
     * advisory lock in PostgreSQL, so it also holds across servers), then gives the next version number.
     */
    int lockAndNextVersion(long assignmentId, Owner owner) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(?1, ?2)")
                .setParameter(1, (int) (assignmentId ^ (assignmentId >>> 32)))
                .setParameter(2, owner.key().hashCode()).getSingleResult();
        Integer max = getEntityManager().createQuery("select max(version) from Submission where assignmentId = ?1 "
                        + "and " + (owner.team() ? "teamId" : "userId") + " = ?2", Integer.class)
                .setParameter(1, assignmentId).setParameter(2, owner.id()).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    /** Keeps who was on the team when a team's version was handed in (its grade goes to them). */
    void keepMembers(long submissionId, long teamId) {
        getEntityManager().createNativeQuery("insert into submission_member (submission_id, user_id) "
                        + "select ?1, user_id from team_member where team_id = ?2")
                .setParameter(1, submissionId).setParameter(2, teamId).executeUpdate();
    }

    long count(long assignmentId) {
        return count("assignmentId", assignmentId);
    }

    List<SubmissionFile> files(long submissionId) {
        return getEntityManager().createQuery("from SubmissionFile where submissionId = ?1 order by id",
                SubmissionFile.class).setParameter(1, submissionId).getResultList();
    }

    Optional<SubmissionFile> file(long fileId) {
        return Optional.ofNullable(getEntityManager().find(SubmissionFile.class, fileId));
    }

    void persist(SubmissionFile file) {
        getEntityManager().persist(file);
    }

    void writeChunk(long fileId, int seq, byte[] data) {
        getEntityManager().createNativeQuery("insert into submission_file_chunk (file_id, seq, data) "
                        + "values (?1, ?2, ?3)")
                .setParameter(1, fileId).setParameter(2, seq).setParameter(3, data).executeUpdate();
    }

    Optional<byte[]> readChunk(long fileId, int seq) {
        List<?> rows = getEntityManager().createNativeQuery("select data from submission_file_chunk "
                        + "where file_id = ?1 and seq = ?2", byte[].class)
                .setParameter(1, fileId).setParameter(2, seq).getResultList();
        return rows.stream().findFirst().map(byte[].class::cast);
    }
}
