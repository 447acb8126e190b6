package io.lecturelab.ml.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.lecturelab.ml.EpochMetrics;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.MlException;
import io.lecturelab.ml.TrainingHandle;
import io.lecturelab.ml.TrainingListener;
import io.lecturelab.ml.TrainingProgress;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * One student's training run, advanced slice by slice by the {@link TrainingScheduler}. Mini-batch SGD:
 * <ul>
 *   <li>initialisation: W[c][j] ~ N(0, 0.001²) drawn from {@code SplittableRandom(seed).nextGaussian()} in
 *       row-major order; b = 0;</li>
 *   <li>each epoch: Fisher–Yates shuffle of the training indices with the same random stream, then batches of
 *       {@code batchSize} consecutive shuffled indices (the last batch may be smaller), assembled by the shared
 *       {@link DeviceDataset};</li>
 *   <li>each step: loss = mean cross-entropy + (λ/2)·||W||², closed-form gradient
 *       ({@link SoftmaxMath#trainingStep}: no autograd, so concurrent jobs share no lock),
 *       W ← W − lr·∂L/∂W in place on the device, b ← b − lr·∂L/∂b here (C values).</li>
 * </ul>
 * Slices of one job never run at the same time, so its state needs no locking; the queue hand-over between
 * workers orders the memory accesses.
 */
final class TrainingJob implements TrainingHandle {

    private static final System.Logger LOG = System.getLogger(TrainingJob.class.getName());
    static final double INIT_STD = 0.001;

    private final String id = UUID.randomUUID().toString();
    private final TrainingRequest request;
    private final TrainingListener listener;
    private final Engine engine;
    private final Device device;
    private final DatasetCache cache;
    private final NDManager parent;
    private final CompletableFuture<TrainingResult> future = new CompletableFuture<>();
    private volatile boolean cancelled;

    final long submittedNanos = System.nanoTime();
    volatile long firstRunNanos;
    volatile long finishedNanos;

    private DatasetCache.Lease lease;
    private DeviceDataset ds;
    private NDManager manager;
    private NDArray w;
    /** The bias, kept here: the step adds it to the scores it reads back anyway. Null when off. */
    private float[] b;
    private SplittableRandom rng;
    private int[] order;
    private int classes;
    private int epoch;
    private int step;
    private int stepsPerEpoch;
    private double lossSinceEvent;
    private int stepsSinceEvent;
    private double epochLoss;
    private long epochCorrect;
    private long epochSeen;
    private long epochNanos;
    private long runNanos;
    private long imagesDone;
    private final List<EpochMetrics> metrics = new ArrayList<>();

    TrainingJob(TrainingRequest request, TrainingListener listener, Engine engine, Device device, DatasetCache cache,
                NDManager parent) {
        this.request = request;
        this.listener = listener == null ? TrainingListener.none() : listener;
        this.engine = engine;
        this.device = device;
        this.cache = cache;
        this.parent = parent;
    }

    @Override
    public String jobId() {
        return id;
    }

    @Override
    public CompletableFuture<TrainingResult> result() {
        return future;
    }

    @Override
    public void cancel() {
        cancelled = true;
        future.completeExceptionally(new CancellationException("training job " + id + " was cancelled"));
    }

    @Override
    public boolean isCancelled() {
        return cancelled || future.isCancelled();
    }

    /**
     * Runs up to {@code maxSteps} steps.
     *
     * @return whether the job has more to do
     */
    boolean runSlice(int maxSteps) {
        if (firstRunNanos == 0) {
            firstRunNanos = System.nanoTime();
        }
        try {
            if (stopRequested()) {
                release();
                return false;
            }
            if (manager == null) {
                init();
            }
            for (int i = 0; i < maxSteps; i++) {
                if (stopRequested()) {
                    release();
                    return false;
                }
                if (step == 0) {
                    startEpoch();
                }
                trainStep();
                if (step == stepsPerEpoch) {
                    endEpoch();
                    if (epoch == request.epochs()) {
                        finish();
                        return false;
                    }
                }
            }
            return true;
        } catch (Throwable t) {
            fail(t);
            return false;
        }
    }

    private boolean stopRequested() {
        return cancelled || future.isDone();
    }

    private void init() {
        lease = cache.acquire(request.classes());
        ds = lease.dataset();
        manager = parent.newSubManager(device);
        classes = request.classes().size();
        rng = new SplittableRandom(request.seed());
        float[] w0 = new float[classes * ImageInput.VALUES];
        for (int i = 0; i < w0.length; i++) {
            w0[i] = (float) (rng.nextGaussian() * INIT_STD);
        }
        w = manager.create(w0, new Shape(classes, ImageInput.VALUES));
        b = request.bias() ? new float[classes] : null;
        int n = ds.trainSize();
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        stepsPerEpoch = (n + request.batchSize() - 1) / request.batchSize();
    }

    private void startEpoch() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        epochLoss = 0;
        epochCorrect = 0;
        epochSeen = 0;
        epochNanos = 0;
        lossSinceEvent = 0;
        stepsSinceEvent = 0;
    }

    private void trainStep() {
        long t0 = System.nanoTime();
        int from = step * request.batchSize();
        int to = Math.min(order.length, from + request.batchSize());
        int n = to - from;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = ds.trainY[order[from + i]];
        }
        double lossValue;
        int[] predicted;
        try (NDScope scope = new NDScope()) {
            NDArray x = ds.batch(manager, order, from, to);
            SoftmaxMath.Step pass = SoftmaxMath.trainingStep(x, labels, w, biasValues(), request.l2Strength());
            lossValue = pass.loss();
            predicted = pass.predicted();
            w.subi(pass.gradW().muli(SoftmaxMath.like(w, request.learningRate())));
            if (b != null) {
                float lr = (float) request.learningRate();
                for (int k = 0; k < classes; k++) {
                    b[k] = b[k] - (float) pass.gradB()[k] * lr;
                }
            }
        }
        if (!Double.isFinite(lossValue)) {
            throw new MlException("ml.error.diverged", "training diverged (loss " + lossValue
                    + "); try a smaller learning rate");
        }
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        long dt = System.nanoTime() - t0;
        step++;
        epochNanos += dt;
        runNanos += dt;
        imagesDone += n;
        epochLoss += lossValue;
        epochCorrect += correct;
        epochSeen += n;
        lossSinceEvent += lossValue;
        stepsSinceEvent++;
        if (step % request.progressEverySteps() == 0 && step != stepsPerEpoch) {
            emit(false, Double.NaN);
        }
    }

    private double[] biasValues() {
        if (b == null) {
            return null;
        }
        double[] out = new double[classes];
        for (int k = 0; k < classes; k++) {
            out[k] = b[k];
        }
        return out;
    }

    private void endEpoch() {
        double testAccuracy = evaluate();
        metrics.add(new EpochMetrics(epoch + 1, epochLoss / step, (double) epochCorrect / epochSeen, testAccuracy,
                epochSeen / (epochNanos / 1e9)));
        emit(true, testAccuracy);
        epoch++;
        step = 0;
    }

    private void emit(boolean epochEnd, double testAccuracy) {
        TrainingProgress p = new TrainingProgress(id, epoch + 1, step, stepsPerEpoch,
                lossSinceEvent / Math.max(1, stepsSinceEvent), (double) epochCorrect / Math.max(1, epochSeen),
                testAccuracy, imagesDone / (runNanos / 1e9), epochEnd, w.toFloatArray());
        lossSinceEvent = 0;
        stepsSinceEvent = 0;
        try {
            listener.onProgress(p);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "progress listener of job " + id + " failed", e);
        }
    }

    /** Accuracy of the current weights on the test split. */
    private double evaluate() {
        int total = ds.testY.length;
        int correct = 0;
        try (NDScope scope = new NDScope()) {
            NDArray wd = w.stopGradient();
            NDArray bd = b == null ? null : manager.create(b);
            int chunk = 2000;
            for (int from = 0; from < total; from += chunk) {
                int to = Math.min(total, from + chunk);
                NDArray s = SoftmaxMath.scores(ds.testX.get(new NDIndex(from + ":" + to)), wd, bd);
                long[] predicted = s.argMax(1).toLongArray();
                for (int i = 0; i < predicted.length; i++) {
                    if (predicted[i] == ds.testY[from + i]) {
                        correct++;
                    }
                }
            }
        }
        return (double) correct / total;
    }

    private void finish() {
        float[] weights = w.toFloatArray();
        float[] bias = b == null ? new float[classes] : b.clone();
        TrainingResult result = new TrainingResult(id, request, request.classes().classNames(), weights, bias,
                metrics, ds.preprocessing, ds.checksum, DjlEngine.describe(engine), device.toString(),
                Duration.ofNanos(System.nanoTime() - firstRunNanos));
        release();
        finishedNanos = System.nanoTime();
        future.complete(result);
    }

    private void fail(Throwable t) {
        release();
        finishedNanos = System.nanoTime();
        if (t instanceof MlException) {
            future.completeExceptionally(t);
        } else {
            future.completeExceptionally(new MlException("ml.error.training", "training failed: " + t, t));
        }
    }

    /** Ends a job that never ran (service shutting down). */
    void abort() {
        release();
        future.completeExceptionally(new CancellationException("the classifier service shut down"));
    }

    private void release() {
        if (manager != null) {
            manager.close();
            manager = null;
            w = null;
            b = null;
        }
        if (lease != null) {
            lease.close();
            lease = null;
            ds = null;
        }
    }

    /** Arrays this job holds right now (for leak checks). */
    int liveArrays() {
        NDManager m = manager;
        return m == null ? 0 : m.getManagedArrays().size();
    }
}
