package io.lecturelab.ml.queue;

import io.lecturelab.ml.TrainingProgress;

/**
 * Receives the progress of jobs that run in this process (for the UI's push), on the worker thread: keep it quick.
 * Jobs on other machines report through the stored snapshot ({@link TrainingQueue#find}).
 */
@FunctionalInterface
public interface JobListener {

    void onProgress(long jobId, TrainingProgress progress);

    /** The job ended on this process's worker (succeeded, failed, cancelled or lost its lease). */
    default void onFinished(long jobId, JobStatus status) {
    }
}
