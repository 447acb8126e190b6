package io.lecturelab.ml.queue;

import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.ml.TrainingProgress;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The shared training queue in PostgreSQL: students submit, workers (in this process or on other machines) claim,
 * heartbeat and finish. Every state change is one short transaction.
 */
@ApplicationScoped
@Transactional
public class TrainingQueue {

    /** How a heartbeat went. */
    public enum Beat {
        /** Keep going. */
        HELD,
        /** The owner asked to cancel: stop and call {@link #finishCancelled}. */
        CANCEL,
        /** The lease is gone (expired and reclaimed, or the job ended): stop without touching the job. */
        LOST
    }

    private final QueueJobRepository jobs;
    private final ModelStore models;
    private final LectureLabConfig.Ml.Queue config;
    private final Clock clock;
    private final JobEvents events;

    TrainingQueue(QueueJobRepository jobs, ModelStore models, LectureLabConfig config, Clock clock,
                  JobEvents events) {
        this.jobs = jobs;
        this.models = models;
        this.config = config.ml().queue();
        this.clock = clock;
        this.events = events;
    }

    /**
     * Queues a job for {@code ownerId}. Refused when the owner already has the most jobs allowed queued or running,
     * or asks for more epochs than one job may run.
     */
    public long submit(long ownerId, Long courseId, TrainingRequest request) {
        if (request.epochs() > config.maxEpochsPerJob()) {
            throw new UserFacingException("ml.error.tooManyEpochs", config.maxEpochsPerJob());
        }
        if (!jobs.lockOwner(ownerId)) {
            throw new UserFacingException("ml.error.unknownOwner", ownerId);
        }
        if (jobs.activeOf(ownerId) >= config.maxActivePerUser()) {
            throw new UserFacingException("ml.error.tooManyJobs", config.maxActivePerUser());
        }
        QueueJob job = new QueueJob();
        job.ownerId = ownerId;
        job.courseId = courseId;
        job.request = RequestColumns.of(request);
        job.status = JobStatus.QUEUED;
        job.submittedAt = clock.instant();
        jobs.persist(job);
        jobs.flush();
        events.submitted();
        return job.id;
    }

    /** Read in its own transaction, so a caller polling the job always sees the latest committed state. */
    public Optional<JobView> find(long jobId) {
        return jobs.findByIdOptional(jobId).map(this::view);
    }

    /** A course's jobs, newest first, at most {@code limit}; only {@code ownerId}'s when given. */
    public List<JobView> inCourse(long courseId, Long ownerId, int limit) {
        return jobs.inCourse(courseId, ownerId, limit).stream().map(this::view).toList();
    }

    /** W as of the job's latest stored progress, while it runs on any server. */
    public Optional<float[]> latestWeights(long jobId) {
        return jobs.findByIdOptional(jobId).filter(j -> j.progressWeights != null)
                .map(j -> FloatBytes.decode(j.progressWeights));
    }

    /** The job as its owner sees it; refused for anybody else (as if it did not exist). */
    public JobView jobOf(long ownerId, long jobId) {
        return find(jobId).filter(j -> j.ownerId() == ownerId)
                .orElseThrow(() -> new UserFacingException("ml.error.jobNotFound", jobId));
    }

    /**
     * Cancels a job of {@code ownerId}: a waiting one at once; a running one is flagged and its worker stops
     * before its next step (at once when it runs in this process, at its next heartbeat elsewhere).
     */
    public JobView cancel(long ownerId, long jobId) {
        QueueJob job = jobs.findById(jobId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.ownerId != ownerId) {
            throw new UserFacingException("ml.error.jobNotFound", jobId);
        }
        if (job.status == JobStatus.QUEUED) {
            job.status = JobStatus.CANCELLED;
            job.finishedAt = clock.instant();
        } else if (job.status == JobStatus.RUNNING) {
            job.cancelRequested = true;
            events.cancelRequested(jobId);
        }
        return view(job);
    }

    /** Claims the next job in fair order for {@code workerId}, recovering jobs whose worker's lease expired. */
    public Optional<Claim> claim(String workerId) {
        return claim(workerId, 1, 1).stream().findFirst();
    }

    /**
     * Claims a group of jobs that can train together: the next job in fair order and, in the same fair order, up to
     * {@code maxJobs} − 1 waiting jobs that can share its pass over the data ({@link TrainingRequest#sharesPassWith}).
     * A worker takes no more than its share of them when {@code idleWorkers} workers (itself included) wait for
     * work, so that the jobs of a class spread over the idle workers instead of queueing behind one. Jobs whose worker's lease expired
     * are claimed again like waiting ones. Each job keeps its own claim, lease and attempt count.
     */
    public List<Claim> claim(String workerId, int maxJobs, int idleWorkers) {
        while (true) {
            Instant now = clock.instant();
            Optional<Long> next = jobs.lockNextClaimable(now);
            if (next.isEmpty()) {
                return List.of();
            }
            QueueJob head = jobs.findById(next.get());
            if (endAbandoned(head, now)) {
                continue;
            }
            List<QueueJob> group = new ArrayList<>(List.of(head));
            if (maxJobs > 1) {
                long alike = jobs.countAlike(head, now);
                int share = (int) Math.min(maxJobs, (alike + idleWorkers - 1) / Math.max(1, idleWorkers));
                if (share > 1) {
                    for (long id : jobs.lockAlike(head, now, share - 1)) {
                        QueueJob job = jobs.findById(id);
                        if (!endAbandoned(job, now)) {
                            group.add(job);
                        }
                    }
                }
            }
            List<Claim> claims = new ArrayList<>();
            for (QueueJob job : group) {
                jobs.claim(job.id, workerId, now, now.plus(lease()));
                jobs.getEntityManager().refresh(job);
                claims.add(new Claim(job.id, workerId, job.attempts, job.ownerId, job.courseId,
                        job.request.toRequest()));
            }
            return claims;
        }
    }

    /**
     * Ends a job found running under an expired lease when it was to stop anyway (cancel asked) or has used up its
     * attempts.
     *
     * @return whether it was ended
     */
    private boolean endAbandoned(QueueJob job, Instant now) {
        if (job.status != JobStatus.RUNNING || !(job.cancelRequested || job.attempts >= config.maxAttempts())) {
            return false;
        }
        boolean cancelled = job.cancelRequested;
        job.status = cancelled ? JobStatus.CANCELLED : JobStatus.FAILED;
        job.errorKey = cancelled ? null : "ml.error.workerLost";
        job.errorMessage = cancelled ? null : "the worker stopped answering " + job.attempts + " times";
        job.finishedAt = now;
        job.leaseUntil = null;
        return true;
    }

    /** Extends the claim's lease; stores nothing else. */
    public Beat heartbeat(Claim claim) {
        return heartbeat(claim, null, List.of());
    }

    /**
     * Extends the claim's lease and stores the latest progress (when given) with its weights and the curve so far,
     * so that views on every server can follow the run.
     */
    public Beat heartbeat(Claim claim, TrainingProgress latest, List<CurvePoint> curve) {
        Instant until = clock.instant().plus(lease());
        int updated = latest == null
                ? jobs.heartbeat(claim.jobId(), claim.workerId(), claim.attempt(), until)
                : jobs.heartbeat(claim.jobId(), claim.workerId(), claim.attempt(), until, latest.epoch(),
                        latest.step(), latest.stepsPerEpoch(), latest.loss(), latest.trainAccuracy(),
                        Double.isNaN(latest.testAccuracy()) ? null : latest.testAccuracy(),
                        CurvePoint.encode(curve), FloatBytes.encode(latest.weights()));
        if (updated == 0) {
            return Beat.LOST;
        }
        QueueJob job = jobs.findById(claim.jobId());
        return job.cancelRequested ? Beat.CANCEL : Beat.HELD;
    }

    /**
     * Stores the model and marks the job succeeded, in one transaction, only while the claim still holds: a worker
     * whose job was reclaimed gets false and nothing is stored.
     */
    public void complete(Claim claim, TrainingResult result, List<CurvePoint> curve) {
        long modelId = models.save(result, claim.ownerId(), claim.courseId());
        jobs.update("curve = ?1 where id = ?2", CurvePoint.encode(curve), claim.jobId());
        int updated = jobs.finish(claim.jobId(), claim.workerId(), claim.attempt(), JobStatus.SUCCEEDED, modelId,
                null, null, clock.instant());
        if (updated == 0) {
            throw new LeaseLostException(claim.jobId());
        }
    }

    public boolean finishCancelled(Claim claim) {
        return jobs.finish(claim.jobId(), claim.workerId(), claim.attempt(), JobStatus.CANCELLED, null, null, null,
                clock.instant()) == 1;
    }

    public boolean fail(Claim claim, String errorKey, String message) {
        String m = message == null ? null : message.substring(0, Math.min(1000, message.length()));
        return jobs.finish(claim.jobId(), claim.workerId(), claim.attempt(), JobStatus.FAILED, null, errorKey, m,
                clock.instant()) == 1;
    }

    /** The lease a claim or heartbeat gives. */
    Duration lease() {
        return config.lease();
    }

    private JobView view(QueueJob j) {
        OptionalLong position = OptionalLong.empty();
        if (j.status == JobStatus.QUEUED) {
            Optional<Long> p = jobs.position(j.id, clock.instant());
            position = p.map(OptionalLong::of).orElse(OptionalLong.empty());
        }
        Optional<JobView.Progress> progress = j.progressEpoch == null ? Optional.empty()
                : Optional.of(new JobView.Progress(j.progressEpoch, j.progressStep, j.progressSteps, j.progressLoss,
                        j.progressTrainAccuracy, j.progressTestAccuracy == null ? Double.NaN : j.progressTestAccuracy));
        return new JobView(j.id, j.ownerId, j.courseId, j.request.toRequest(), j.status, j.cancelRequested,
                j.attempts, position, progress, CurvePoint.decode(j.curve),
                j.modelId == null ? OptionalLong.empty() : OptionalLong.of(j.modelId),
                Optional.ofNullable(j.errorKey), Optional.ofNullable(j.errorMessage), j.submittedAt,
                Optional.ofNullable(j.startedAt), Optional.ofNullable(j.finishedAt));
    }

    /** Thrown inside {@link #complete} to roll the stored model back when the claim no longer holds. */
    public static final class LeaseLostException extends RuntimeException {
        LeaseLostException(long jobId) {
            super("the lease of job " + jobId + " was lost; the result is discarded");
        }
    }
}
