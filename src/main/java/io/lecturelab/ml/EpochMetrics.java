package io.lecturelab.ml;

/**
 * Figures of one finished epoch.
 *
 * @param epoch           1-based
 * @param loss            mean training loss over the epoch's steps (cross-entropy + L2 term)
 * @param trainAccuracy   accuracy of the pre-update predictions over the epoch's batches
 * @param testAccuracy    accuracy on the held-out test split after the epoch
 * @param imagesPerSecond training images per second during the epoch (evaluation excluded)
 */
public record EpochMetrics(int epoch, double loss, double trainAccuracy, double testAccuracy,
                           double imagesPerSecond) {
}
