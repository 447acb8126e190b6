package io.lecturelab.lab;

import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.queue.CurvePoint;
import io.lecturelab.ml.queue.JobStatus;
import io.lecturelab.ml.queue.JobView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One training run of the lab as its owner and the course's staff see it.
 *
 * @param position  1-based place in the shared queue while it waits
 * @param fraction  share of its steps done, 0..1
 * @param curve     its curves as stored (the live view adds points pushed since)
 * @param accuracy  test accuracy after its last finished epoch
 */
public record LabRun(long id, long ownerId, String ownerName, long courseId, TrainingRequest request,
                     JobStatus status, OptionalLong position, double fraction, List<CurvePoint> curve,
                     OptionalDouble accuracy, Optional<String> errorKey, Instant submittedAt) {

    static LabRun of(JobView job, String ownerName) {
        double fraction = job.status() == JobStatus.SUCCEEDED ? 1 : job.progress()
                .map(p -> Math.min(1, (p.epoch() - 1 + (double) p.step() / Math.max(1, p.stepsPerEpoch()))
                        / job.request().epochs()))
                .orElse(0.0);
        OptionalDouble accuracy = job.curve().stream().filter(p -> !Double.isNaN(p.testAccuracy()))
                .reduce((a, b) -> b).map(p -> OptionalDouble.of(p.testAccuracy())).orElse(OptionalDouble.empty());
        return new LabRun(job.id(), job.ownerId(), ownerName, job.courseId() == null ? 0 : job.courseId(),
                job.request(), job.status(), job.position(), fraction, job.curve(), accuracy, job.errorKey(),
                job.submittedAt());
    }

    public boolean active() {
        return !status.finished();
    }

    public boolean trained() {
        return status == JobStatus.SUCCEEDED;
    }
}
