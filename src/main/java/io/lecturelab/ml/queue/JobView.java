package io.lecturelab.ml.queue;

import io.lecturelab.ml.TrainingRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the owner sees of a training job.
 *
 * @param position     1-based place among waiting jobs (fair order); empty unless queued
 * @param progress     latest progress stored by the worker; empty before the first heartbeat with progress
 * @param curve        the training curves as stored by the worker (up to its latest heartbeat, complete once it
 *                     succeeded)
 * @param modelId      the stored model once it succeeded
 * @param errorKey     message key of a failure (translated by the UI)
 */
public record JobView(long id, long ownerId, Long courseId, TrainingRequest request, JobStatus status,
                      boolean cancelRequested, int attempts, OptionalLong position, Optional<Progress> progress,
                      java.util.List<CurvePoint> curve,
                      OptionalLong modelId, Optional<String> errorKey, Optional<String> errorMessage,
                      Instant submittedAt, Optional<Instant> startedAt, Optional<Instant> finishedAt) {

    /** A progress snapshot; {@code testAccuracy} is NaN except at an epoch's end. */
    public record Progress(int epoch, int step, int stepsPerEpoch, double loss, double trainAccuracy,
                           double testAccuracy) {
    }
}
