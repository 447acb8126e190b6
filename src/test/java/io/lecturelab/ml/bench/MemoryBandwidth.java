package io.lecturelab.ml.bench;

import java.util.Arrays;

/** The machine's memory bandwidth as the benchmarks compare against it. */
public final class MemoryBandwidth {

    private MemoryBandwidth() {
    }

    /** Copy bandwidth: System.arraycopy of a 256 MiB float array, counting bytes read plus bytes written, best of 4. */
    public static double copyBytesPerSecond() {
        float[] a = new float[64 << 20];
        float[] b = new float[a.length];
        Arrays.fill(a, 1f);
        double best = 0;
        for (int pass = 0; pass < 4; pass++) {
            long t0 = System.nanoTime();
            System.arraycopy(a, 0, b, 0, a.length);
            double bw = 2.0 * a.length * Float.BYTES / ((System.nanoTime() - t0) / 1e9);
            best = Math.max(best, bw);
        }
        if (b[b.length - 1] != 1f) {
            throw new AssertionError("copy failed");
        }
        return best;
    }
}
