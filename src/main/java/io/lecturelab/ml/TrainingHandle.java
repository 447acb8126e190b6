package io.lecturelab.ml;

import java.util.concurrent.CompletableFuture;

/** A submitted training job. */
public interface TrainingHandle {

    String jobId();

    /**
     * Completes with the result, or exceptionally: with {@link java.util.concurrent.CancellationException} after
     * {@link #cancel()}, with {@link MlException} on a failure.
     */
    CompletableFuture<TrainingResult> result();

    /** Asks the job to stop; it stops before its next step. */
    void cancel();

    boolean isCancelled();
}
