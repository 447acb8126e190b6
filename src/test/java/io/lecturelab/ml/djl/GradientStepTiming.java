package io.lecturelab.ml.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.lecturelab.ml.ImageInput;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** For the benchmark: training steps per second with the closed-form gradient or with DJL autograd. */
public final class GradientStepTiming {

    private GradientStepTiming() {
    }

    /**
     * Runs forward + gradient steps on a random batch of {@code batch} cat/dog-sized images from {@code threads}
     * threads at once for {@code millis} ms; returns images per second over all threads.
     */
    public static double imagesPerSecond(boolean analytic, int threads, int batch, long millis) throws Exception {
        Engine engine = DjlEngine.load(1);
        int classes = 2;
        SplittableRandom rnd = new SplittableRandom(5);
        float[] x = new float[batch * ImageInput.VALUES];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        float[] y = new float[batch * classes];
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rnd.nextInt(classes);
            y[i * classes + labels[i]] = 1;
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong steps = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        try (NDManager root = engine.newBaseManager()) {
            NDArray xa = root.create(x, new Shape(batch, ImageInput.VALUES));
            NDArray ya = root.create(y, new Shape(batch, classes));
            for (int t = 0; t < threads; t++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    try (NDManager m = root.newSubManager()) {
                        NDArray w = m.create(new float[classes * ImageInput.VALUES], new Shape(classes,
                                ImageInput.VALUES));
                        NDArray b = m.create(new float[classes]);
                        while (!stop.get()) {
                            try (NDScope scope = new NDScope()) {
                                NDArray wl = w.duplicate();
                                NDArray bl = b.duplicate();
                                if (analytic) {
                                    SoftmaxMath.trainingStep(xa, labels, wl, new double[classes], 0.001)
                                            .gradW().toFloatArray();
                                } else {
                                    SoftmaxMath.Pass p = SoftmaxMath.forwardBackward(engine, xa, ya, wl, bl, 0.001);
                                    p.gradW().toFloatArray();
                                    p.loss().getFloat();
                                }
                            }
                            steps.incrementAndGet();
                        }
                    }
                }));
            }
            return countsPerSecond(steps, stop, workers, millis) * batch;
        }
    }

    /**
     * The engine's single-precision matrix-product rate: {@code threads} threads (one engine thread each, as training
     * runs) each multiply an {@code n} × {@code inner} by an {@code inner} × {@code cols} matrix over and over for
     * {@code millis} ms; returns floating-point operations (2 per multiply-add) per second over all threads.
     */
    public static double gemmFlopsPerSecond(int threads, int n, int inner, int cols, long millis) throws Exception {
        Engine engine = DjlEngine.load(1);
        SplittableRandom rnd = new SplittableRandom(11);
        float[] a = new float[n * inner];
        float[] b = new float[inner * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rnd.nextGaussian();
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong products = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        try (NDManager root = engine.newBaseManager()) {
            for (int t = 0; t < threads; t++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    try (NDManager m = root.newSubManager()) {
                        NDArray x = m.create(a, new Shape(n, inner));
                        NDArray y = m.create(b, new Shape(inner, cols));
                        while (!stop.get()) {
                            try (NDScope scope = new NDScope()) {
                                x.matMul(y).toFloatArray();
                            }
                            products.incrementAndGet();
                        }
                    }
                }));
            }
            return countsPerSecond(products, stop, workers, millis) * 2.0 * n * inner * cols;
        }
    }

    /**
     * After a 300 ms warm-up, how fast {@code counter} grows over {@code millis} ms (per second); then stops the
     * workers and waits for them.
     */
    private static double countsPerSecond(AtomicLong counter, AtomicBoolean stop, List<Thread> workers, long millis)
            throws InterruptedException {
        Thread.sleep(300);
        long c0 = counter.get();
        long t0 = System.nanoTime();
        Thread.sleep(millis);
        long c1 = counter.get();
        double secs = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        for (Thread t : workers) {
            t.join();
        }
        return (c1 - c0) / secs;
    }
}
