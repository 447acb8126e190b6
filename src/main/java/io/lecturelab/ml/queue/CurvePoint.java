package io.lecturelab.ml.queue;

import io.lecturelab.ml.TrainingProgress;
import java.util.List;

/**
 * One point of a run's training curves.
 *
 * @param epochsDone    epochs done when it was measured, as a fraction (the curve's x)
 * @param loss          mean training loss since the previous point
 * @param trainAccuracy accuracy on the batches of the epoch so far
 * @param testAccuracy  accuracy on the test split; NaN except at an epoch's end
 */
public record CurvePoint(double epochsDone, double loss, double trainAccuracy, double testAccuracy) {

    private static final int FLOATS = 4;

    public static CurvePoint of(TrainingProgress p) {
        return new CurvePoint(p.epochsDone(), p.loss(), p.trainAccuracy(), p.testAccuracy());
    }

    /** The points as little-endian float32, four per point (as stored in {@code ml_training_job.curve}). */
    static byte[] encode(List<CurvePoint> points) {
        float[] values = new float[points.size() * FLOATS];
        int i = 0;
        for (CurvePoint p : points) {
            values[i++] = (float) p.epochsDone;
            values[i++] = (float) p.loss;
            values[i++] = (float) p.trainAccuracy;
            values[i++] = (float) p.testAccuracy;
        }
        return FloatBytes.encode(values);
    }

    static List<CurvePoint> decode(byte[] bytes) {
        if (bytes == null) {
            return List.of();
        }
        float[] v = FloatBytes.decode(bytes);
        CurvePoint[] points = new CurvePoint[v.length / FLOATS];
        for (int i = 0; i < points.length; i++) {
            int k = i * FLOATS;
            points[i] = new CurvePoint(v[k], v[k + 1], v[k + 2], v[k + 3]);
        }
        return List.of(points);
    }
}
