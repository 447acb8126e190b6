package io.lecturelab.ml.queue;

import io.lecturelab.ml.TrainingRequest;

/**
 * A worker's hold on a job: valid while {@code workerId} and {@code attempt} still match the row. A worker that
 * lost its lease (another worker reclaimed the job) can neither heartbeat nor finish it.
 */
public record Claim(long jobId, String workerId, int attempt, long ownerId, Long courseId, TrainingRequest request) {
}
