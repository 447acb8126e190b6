package io.lecturelab.ml.reference;

import io.lecturelab.ml.DataOrder;
import io.lecturelab.ml.ImageInput;
import java.util.SplittableRandom;

/**
 * The same mini-batch SGD as the DJL engine, in plain Java on float arrays: same initialisation stream, same
 * order of the images ({@link DataOrder}), same loss (mean cross-entropy + (λ/2)·||W||²) and update. A second oracle for the tests and the
 * baseline of the benchmark. Straightforward loops, no engine, no SIMD library.
 */
public final class PlainSoftmaxSgd {

    private final int classes;
    private final boolean bias;
    private final float[] w;
    private final float[] b;
    private DataOrder dataOrder;

    public PlainSoftmaxSgd(int classes, boolean bias, long seed) {
        this.classes = classes;
        this.bias = bias;
        SplittableRandom rng = new SplittableRandom(seed);
        this.w = new float[classes * ImageInput.VALUES];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rng.nextGaussian() * 0.001);
        }
        this.b = new float[classes];
    }

    public float[] weights() {
        return w.clone();
    }

    public float[] bias() {
        return b.clone();
    }

    /**
     * One epoch over {@code x} (n × 3072 preprocessed, row-major) with class indices {@code y}.
     *
     * @return mean loss over the epoch's steps
     */
    public double epoch(float[] x, int[] y, int batchSize, float lr, float lambda) {
        int n = y.length;
        if (dataOrder == null) {
            dataOrder = new DataOrder(n);
        }
        int[] order = dataOrder.nextEpoch();
        final int d = ImageInput.VALUES;
        float[] gw = new float[classes * d];
        float[] gb = new float[classes];
        float[] s = new float[classes];
        double lossSum = 0;
        int steps = 0;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            int m = to - from;
            java.util.Arrays.fill(gw, 0f);
            java.util.Arrays.fill(gb, 0f);
            double loss = 0;
            for (int k = from; k < to; k++) {
                int r = order[k];
                int off = r * d;
                float max = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    float acc = bias ? b[c] : 0f;
                    int wo = c * d;
                    for (int j = 0; j < d; j++) {
                        acc += w[wo + j] * x[off + j];
                    }
                    s[c] = acc;
                    max = Math.max(max, acc);
                }
                double z = 0;
                for (int c = 0; c < classes; c++) {
                    z += Math.exp(s[c] - max);
                }
                loss -= (s[y[r]] - max) - Math.log(z);
                for (int c = 0; c < classes; c++) {
                    float g = (float) (Math.exp(s[c] - max) / z) - (c == y[r] ? 1f : 0f);
                    g /= m;
                    gb[c] += g;
                    int wo = c * d;
                    for (int j = 0; j < d; j++) {
                        gw[wo + j] += g * x[off + j];
                    }
                }
            }
            double reg = 0;
            for (int i = 0; i < w.length; i++) {
                reg += (double) w[i] * w[i];
                w[i] -= lr * (gw[i] + lambda * w[i]);
            }
            if (bias) {
                for (int c = 0; c < classes; c++) {
                    b[c] -= lr * gb[c];
                }
            }
            lossSum += loss / m + lambda / 2 * reg;
            steps++;
        }
        return lossSum / steps;
    }
}
