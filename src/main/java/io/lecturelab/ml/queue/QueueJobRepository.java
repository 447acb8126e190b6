package io.lecturelab.ml.queue;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The queue's SQL. Claims lock one row with FOR UPDATE SKIP LOCKED, so concurrent workers never block or collide. */
@ApplicationScoped
class QueueJobRepository implements PanacheRepository<QueueJob> {

    /**
     * Fair order: a waiting job's turn is the number of its owner's jobs that run now plus the owner's jobs that
     * wait ahead of it; lower turns first, then the oldest submission. The head is therefore the oldest job of an
     * owner with the fewest running jobs, and one student's many jobs interleave with everybody else's.
     */
    private static final String RUNNING_PER_OWNER = """
            select owner_id, count(*) as n from ml_training_job
            where status = 'RUNNING' and lease_until > :now group by owner_id""";

    /** The next job to run: waiting, or running under an expired lease (its worker died). Locked, others skipped. */
    Optional<Long> lockNextClaimable(Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> ids = getEntityManager().createNativeQuery("""
                select j.id from ml_training_job j
                left join (%s) r on r.owner_id = j.owner_id
                where j.status = 'QUEUED' or (j.status = 'RUNNING' and j.lease_until <= :now)
                order by coalesce(r.n, 0), j.submitted_at, j.id
                limit 1
                for update of j skip locked""".formatted(RUNNING_PER_OWNER))
                .setParameter("now", now)
                .getResultList();
        return ids.stream().findFirst().map(Number::longValue);
    }

    /** Waiting jobs (and running ones whose lease expired) that can share a pass with the given settings. */
    private static final String CLAIMABLE_ALIKE = """
            (c.status = 'QUEUED' or (c.status = 'RUNNING' and c.lease_until <= :now))
            and c.class_set = :classSet and c.batch_size = :batchSize and c.epochs = :epochs""";

    /** How many jobs are claimable and can share a pass with {@code head} (itself included). */
    long countAlike(QueueJob head, Instant now) {
        return ((Number) alike("select count(*) from ml_training_job c where " + CLAIMABLE_ALIKE, head, now)
                .getSingleResult()).longValue();
    }

    /**
     * Locks up to {@code limit} more claimable jobs that can share a pass with {@code head}, in the fair order of
     * {@link #position} (turns per owner, the head counting as its owner's first, then submission); rows another
     * worker holds are skipped.
     */
    List<Long> lockAlike(QueueJob head, Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Number> ids = alike("""
                select j.id from ml_training_job j
                where j.id in (
                    select q.id from (
                        select c.id, c.submitted_at,
                               coalesce(r.n, 0) + row_number() over (partition by c.owner_id
                                                                      order by c.submitted_at, c.id) as turn
                        from ml_training_job c left join (%s) r on r.owner_id = c.owner_id
                        where %s) q
                    where q.id <> :head
                    order by q.turn, q.submitted_at, q.id
                    limit :limit)
                and (j.status = 'QUEUED' or (j.status = 'RUNNING' and j.lease_until <= :now))
                order by j.id
                for update of j skip locked""".formatted(RUNNING_PER_OWNER, CLAIMABLE_ALIKE), head, now)
                .setParameter("head", head.id)
                .setParameter("limit", limit)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    private Query alike(String sql, QueueJob head, Instant now) {
        return getEntityManager().createNativeQuery(sql)
                .setParameter("now", now)
                .setParameter("classSet", head.request.classSet.name())
                .setParameter("batchSize", head.request.batchSize)
                .setParameter("epochs", head.request.epochs);
    }

    /** 1-based place of a waiting job in the fair order, or empty when it does not wait. */
    Optional<Long> position(long jobId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> rows = getEntityManager().createNativeQuery("""
                with queued as (
                    select j.id, j.submitted_at,
                           coalesce(r.n, 0) + row_number() over (partition by j.owner_id
                                                                  order by j.submitted_at, j.id) as turn
                    from ml_training_job j left join (%s) r on r.owner_id = j.owner_id
                    where j.status = 'QUEUED'),
                ranked as (select id, row_number() over (order by turn, submitted_at, id) as position from queued)
                select position from ranked where id = :id""".formatted(RUNNING_PER_OWNER))
                .setParameter("now", now)
                .setParameter("id", jobId)
                .getResultList();
        return rows.stream().findFirst().map(Number::longValue);
    }

    long activeOf(long ownerId) {
        return count("ownerId = ?1 and status in ?2", ownerId, List.of(JobStatus.QUEUED, JobStatus.RUNNING));
    }

    /** Serialises submissions of one owner (row lock on the user), so limits hold under concurrent submits. */
    /** Locks the owner's user row; false when there is no such user. */
    boolean lockOwner(long ownerId) {
        return !getEntityManager().createNativeQuery("select id from app_user where id = :id for update")
                .setParameter("id", ownerId).getResultList().isEmpty();
    }

    /** Takes the lease of a locked job for {@code workerId}. */
    int claim(long jobId, String workerId, Instant now, Instant leaseUntil) {
        return update("status = ?1, workerId = ?2, leaseUntil = ?3, attempts = attempts + 1,"
                        + " startedAt = coalesce(startedAt, ?4) where id = ?5",
                JobStatus.RUNNING, workerId, leaseUntil, now, jobId);
    }

    /** Extends the lease, only while {@code workerId} holds claim {@code attempt}. */
    int heartbeat(long jobId, String workerId, int attempt, Instant leaseUntil) {
        return update("leaseUntil = ?1 where id = ?2 and workerId = ?3 and attempts = ?4 and status = ?5",
                leaseUntil, jobId, workerId, attempt, JobStatus.RUNNING);
    }

    /** Extends the lease and stores the latest progress, only while {@code workerId} holds claim {@code attempt}. */
    int heartbeat(long jobId, String workerId, int attempt, Instant leaseUntil, int epoch, int step, int steps,
                  double loss, double trainAccuracy, Double testAccuracy, byte[] curve, byte[] weights) {
        return update("leaseUntil = ?1, progressEpoch = ?2, progressStep = ?3, progressSteps = ?4,"
                        + " progressLoss = ?5, progressTrainAccuracy = ?6, progressTestAccuracy = ?7, curve = ?8,"
                        + " progressWeights = ?9"
                        + " where id = ?10 and workerId = ?11 and attempts = ?12 and status = ?13",
                leaseUntil, epoch, step, steps, loss, trainAccuracy, testAccuracy, curve, weights, jobId, workerId,
                attempt, JobStatus.RUNNING);
    }

    /** A course's jobs, newest first; of one owner when {@code ownerId} is given. */
    java.util.List<QueueJob> inCourse(long courseId, Long ownerId, int limit) {
        return (ownerId == null
                ? find("courseId = ?1 order by submittedAt desc, id desc", courseId)
                : find("courseId = ?1 and ownerId = ?2 order by submittedAt desc, id desc", courseId, ownerId))
                .page(0, limit).list();
    }

    /** Ends a running job, only while {@code workerId} holds claim {@code attempt}. */
    int finish(long jobId, String workerId, int attempt, JobStatus status, Long modelId, String errorKey,
               String errorMessage, Instant now) {
        return update("status = ?1, modelId = ?2, errorKey = ?3, errorMessage = ?4, finishedAt = ?5, leaseUntil = null,"
                        + " progressWeights = null where id = ?6 and workerId = ?7 and attempts = ?8 and status = ?9",
                status, modelId, errorKey, errorMessage, now, jobId, workerId, attempt, JobStatus.RUNNING);
    }
}
