package io.lecturelab.coursework;

import java.util.List;

/**
 * A classifier-lab run attached to a submission, as the server recorded it when the work was handed in (never typed
 * in by the student): its settings, its curve and its final test accuracy.
 */
public record LabRunRecord(long runId, double learningRate, int batchSize, int epochs, double l2Strength, long seed,
                           boolean bias, String classes, double testAccuracy, List<Point> curve) {

    /** One point of the curve: epochs done, loss, train and test accuracy (NaN where not measured). */
    public record Point(double epochsDone, double loss, double trainAccuracy, double testAccuracy) {
    }

    public LabRunRecord {
        curve = List.copyOf(curve);
    }
}
