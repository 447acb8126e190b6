package io.lecturelab.ml;

/**
 * One progress event of a training job. Events of one job arrive in order, from the worker thread that runs it.
 *
 * @param jobId           the job
 * @param epoch           1-based epoch
 * @param step            1-based step within the epoch
 * @param stepsPerEpoch   steps in one epoch
 * @param loss            mean loss (cross-entropy + L2 term) over the steps since the previous event
 * @param trainAccuracy   accuracy of the pre-update predictions on the batches seen so far in this epoch
 * @param testAccuracy    accuracy on the held-out test split; only at epoch end, otherwise NaN
 * @param imagesPerSecond training images per second of this job's running time so far
 * @param epochEnd        whether this is the event that closes the epoch
 * @param weights         W as of this event (classes × 3072, row-major), so a viewer can watch the templates learn
 */
public record TrainingProgress(String jobId, int epoch, int step, int stepsPerEpoch, double loss,
                               double trainAccuracy, double testAccuracy, double imagesPerSecond,
                               boolean epochEnd, float[] weights) {

    public TrainingProgress {
        weights = weights == null ? new float[0] : weights.clone();
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    /** Epochs done when this event was sent, as a fraction (the x of a training curve). */
    public double epochsDone() {
        return epoch - 1 + (double) step / Math.max(1, stepsPerEpoch);
    }
}
