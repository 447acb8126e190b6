package io.lecturelab.ml.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.lecturelab.ml.DataOrder;
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
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Training runs that share one pass over the data ({@link TrainingRequest#sharesPassWith}), advanced slice by
 * slice by the {@link TrainingScheduler}; a group of one is a job trained alone. Mini-batch SGD:
 * <ul>
 *   <li>initialisation, per job: W[c][j] ~ N(0, 0.001²) drawn from {@code SplittableRandom(seed).nextGaussian()}
 *       in row-major order; b = 0;</li>
 *   <li>each epoch: the images in {@link DataOrder}'s order (the same for every job), in batches of
 *       {@code batchSize} (the last batch may be smaller), assembled once per step by the shared
 *       {@link DeviceDataset} and used by every job of the group;</li>
 *   <li>each step: the weights of all jobs stacked (K·C × 3072), loss = mean cross-entropy + (λ/2)·||W||² and the
 *       closed-form gradient per job in two products for the whole group, over score differences
 *       ({@link SoftmaxMath#stackedStep}),
 *       W ← W·(1 − lr·λ) − lr·∂CE/∂W (= W − lr·∂L/∂W) in place with each job's own lr and λ, b ← b − lr·∂L/∂b
 *       here (C values per job).</li>
 * </ul>
 * Each job keeps its own progress events, metrics, result and cancel: a job that is cancelled or fails leaves the
 * group before the next step and the others go on. Slices of one group never run at the same time, so its state
 * needs no locking; the queue hand-over between workers orders the memory accesses.
 */
final class TrainingGroup {

    private static final System.Logger LOG = System.getLogger(TrainingGroup.class.getName());
    static final double INIT_STD = 0.001;

    private final List<Member> members;
    private final TrainingRequest pass;
    private final Engine engine;
    private final Device device;
    private final DatasetCache cache;
    private final NDManager parent;
    private final int classes;

    private volatile long firstRunNanos;

    private DatasetCache.Lease lease;
    private DeviceDataset ds;
    private NDManager manager;
    /** Jobs still training, in the order of their rows in {@link #w}. */
    private List<Member> active = List.of();
    /** W of every active job, stacked: job a's C rows start at row a·C. */
    private NDArray w;
    /** Each row's learning rate (K·C × 1). */
    private NDArray rates;
    /** Each row's weight decay 1 − lr·λ (K·C × 1), or null when no job has an L2 penalty. */
    private NDArray decay;
    private DataOrder dataOrder;
    private int[] order;
    private int epoch;
    private int step;
    private int stepsPerEpoch;
    private long epochNanos;
    private long runNanos;
    private long imagesDone;

    TrainingGroup(List<TrainingRequest> requests, List<TrainingListener> listeners, Engine engine, Device device,
                  DatasetCache cache, NDManager parent) {
        if (requests.isEmpty() || requests.size() != listeners.size()) {
            throw new IllegalArgumentException("one listener per request, at least one request");
        }
        this.pass = requests.get(0);
        List<Member> list = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            TrainingRequest r = requests.get(i);
            if (!r.sharesPassWith(pass)) {
                throw new IllegalArgumentException("jobs of one group must share class set, batch size and epochs");
            }
            list.add(new Member(r, listeners.get(i)));
        }
        this.members = List.copyOf(list);
        this.classes = pass.classes().size();
        this.engine = engine;
        this.device = device;
        this.cache = cache;
        this.parent = parent;
    }

    /** One handle per request, in the order given. */
    List<TrainingHandle> handles() {
        return List.copyOf(members);
    }

    /**
     * Runs up to {@code maxSteps} steps.
     *
     * @return whether the group has more to do
     */
    boolean runSlice(int maxSteps) {
        if (firstRunNanos == 0) {
            firstRunNanos = System.nanoTime();
        }
        try {
            if (manager == null) {
                if (members.stream().allMatch(Member::stopped)) {
                    return false;
                }
                init();
            }
            for (int i = 0; i < maxSteps; i++) {
                if (!dropStopped()) {
                    release();
                    return false;
                }
                if (step == 0) {
                    startEpoch();
                }
                trainStep();
                if (step == stepsPerEpoch) {
                    endEpoch();
                    if (epoch == pass.epochs()) {
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

    private void init() {
        lease = cache.acquire(pass.classes());
        ds = lease.dataset();
        manager = parent.newSubManager(device);
        active = members.stream().filter(m -> !m.stopped()).toList();
        int d = ImageInput.VALUES;
        float[] w0 = new float[active.size() * classes * d];
        for (int a = 0; a < active.size(); a++) {
            Member m = active.get(a);
            SplittableRandom rng = new SplittableRandom(m.request.seed());
            for (int i = a * classes * d; i < (a + 1) * classes * d; i++) {
                w0[i] = (float) (rng.nextGaussian() * INIT_STD);
            }
            m.bias = m.request.bias() ? new float[classes] : null;
        }
        w = manager.create(w0, new Shape((long) active.size() * classes, d));
        rowColumns();
        dataOrder = new DataOrder(ds.trainSize());
        stepsPerEpoch = (ds.trainSize() + pass.batchSize() - 1) / pass.batchSize();
    }

    /**
     * Each active row's learning rate and weight decay, as columns the update broadcasts over: W ← W·(1 − lr·λ) −
     * lr·∂CE/∂W is W − lr·(∂CE/∂W + λW) in one pass.
     */
    private void rowColumns() {
        if (rates != null) {
            rates.close();
        }
        if (decay != null) {
            decay.close();
            decay = null;
        }
        float[] r = new float[active.size() * classes];
        float[] keep = new float[r.length];
        boolean penalised = false;
        for (int a = 0; a < active.size(); a++) {
            TrainingRequest request = active.get(a).request;
            Arrays.fill(r, a * classes, (a + 1) * classes, (float) request.learningRate());
            Arrays.fill(keep, a * classes, (a + 1) * classes,
                    (float) (1 - (double) (float) request.learningRate() * request.l2Strength()));
            penalised |= request.l2Strength() != 0;
        }
        rates = manager.create(r, new Shape(r.length, 1));
        if (penalised) {
            decay = manager.create(keep, new Shape(keep.length, 1));
        }
    }

    /**
     * Takes the rows of jobs that were cancelled or failed out of the stacked weights.
     *
     * @return whether any job is still training
     */
    private boolean dropStopped() {
        if (active.stream().noneMatch(Member::stopped)) {
            return true;
        }
        List<Member> keep = new ArrayList<>();
        List<Long> rows = new ArrayList<>();
        for (int a = 0; a < active.size(); a++) {
            if (!active.get(a).stopped()) {
                keep.add(active.get(a));
                for (int k = 0; k < classes; k++) {
                    rows.add((long) a * classes + k);
                }
            }
        }
        active = List.copyOf(keep);
        if (keep.isEmpty()) {
            return false;
        }
        try (NDArray index = manager.create(rows.stream().mapToLong(Long::longValue).toArray())) {
            NDArray kept = w.get(new NDIndex("{}", index));
            w.close();
            w = kept;
        }
        rowColumns();
        return true;
    }

    private void startEpoch() {
        order = dataOrder.nextEpoch();
        epochNanos = 0;
        for (Member m : active) {
            m.epochLoss = 0;
            m.epochCorrect = 0;
            m.lossSinceEvent = 0;
            m.stepsSinceEvent = 0;
        }
    }

    private void trainStep() {
        long t0 = System.nanoTime();
        int from = step * pass.batchSize();
        int to = Math.min(order.length, from + pass.batchSize());
        int n = to - from;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = ds.trainY[order[from + i]];
        }
        double[][] bias = new double[active.size()][];
        double[] lambda = new double[active.size()];
        for (int a = 0; a < active.size(); a++) {
            Member m = active.get(a);
            bias[a] = m.biasValues();
            lambda[a] = m.request.l2Strength();
        }
        SoftmaxMath.Stacked result;
        try (NDScope scope = new NDScope()) {
            NDArray x = ds.batch(manager, order, from, to);
            result = SoftmaxMath.stackedStep(x, labels, w, classes, bias, lambda);
            if (decay != null) {
                w.muli(decay);
            }
            w.subi(result.gradCrossEntropy().muli(rates));
        }
        long dt = System.nanoTime() - t0;
        step++;
        epochNanos += dt;
        runNanos += dt;
        imagesDone += n;
        float[] weights = null;
        for (int a = 0; a < active.size(); a++) {
            Member m = active.get(a);
            double loss = result.loss()[a];
            if (!Double.isFinite(loss)) {
                m.fail(new MlException("ml.error.diverged", "training diverged (loss " + loss
                        + "); try a smaller learning rate"));
                continue;
            }
            m.learn(result.gradB()[a]);
            int correct = 0;
            int[] predicted = result.predicted()[a];
            for (int i = 0; i < n; i++) {
                if (predicted[i] == labels[i]) {
                    correct++;
                }
            }
            m.epochLoss += loss;
            m.epochCorrect += correct;
            m.lossSinceEvent += loss;
            m.stepsSinceEvent++;
            if (step % m.request.progressEverySteps() == 0 && step != stepsPerEpoch) {
                weights = weights == null ? w.toFloatArray() : weights;
                m.emit(false, Double.NaN, rowsOf(weights, a));
            }
        }
    }

    private float[] rowsOf(float[] stacked, int a) {
        int size = classes * ImageInput.VALUES;
        return Arrays.copyOfRange(stacked, a * size, (a + 1) * size);
    }

    private void endEpoch() {
        double[] testAccuracy = evaluate();
        float[] weights = w.toFloatArray();
        int seen = order.length;
        for (int a = 0; a < active.size(); a++) {
            Member m = active.get(a);
            if (m.stopped()) {
                continue;
            }
            m.metrics.add(new EpochMetrics(epoch + 1, m.epochLoss / step, (double) m.epochCorrect / seen,
                    testAccuracy[a], seen / (epochNanos / 1e9)));
            m.emit(true, testAccuracy[a], rowsOf(weights, a));
        }
        epoch++;
        step = 0;
    }

    /** Accuracy of each active job's current weights on the test split. */
    private double[] evaluate() {
        int total = ds.testY.length;
        long[] correct = new long[active.size()];
        try (NDScope scope = new NDScope()) {
            NDArray u = SoftmaxMath.differences(w, active.size(), classes);
            int chunk = 2000;
            for (int from = 0; from < total; from += chunk) {
                int to = Math.min(total, from + chunk);
                int n = to - from;
                float[] s = u.matMul(ds.testX.get(new NDIndex(from + ":" + to)).transpose()).toFloatArray();
                for (int a = 0; a < active.size(); a++) {
                    for (int i = 0; i < n; i++) {
                        int row = a * (classes - 1);
                        if (SoftmaxMath.predicted(s, row, classes, n, i, active.get(a).bias) == ds.testY[from + i]) {
                            correct[a]++;
                        }
                    }
                }
            }
        }
        double[] accuracy = new double[correct.length];
        for (int a = 0; a < correct.length; a++) {
            accuracy[a] = (double) correct[a] / total;
        }
        return accuracy;
    }

    private void finish() {
        float[] weights = w.toFloatArray();
        Duration took = Duration.ofNanos(System.nanoTime() - firstRunNanos);
        List<Runnable> completions = new ArrayList<>();
        for (int a = 0; a < active.size(); a++) {
            Member m = active.get(a);
            float[] bias = m.bias == null ? new float[classes] : m.bias.clone();
            TrainingResult result = new TrainingResult(m.id, m.request, pass.classes().classNames(),
                    rowsOf(weights, a), bias, List.copyOf(m.metrics), ds.preprocessing, ds.checksum,
                    DjlEngine.describe(engine), device.toString(), took);
            completions.add(() -> m.future.complete(result));
        }
        release();
        completions.forEach(Runnable::run);
    }

    private void fail(Throwable t) {
        release();
        MlException e = t instanceof MlException ml ? ml : new MlException("ml.error.training", "training failed: " + t, t);
        members.forEach(m -> m.fail(e));
    }

    /** Ends a group that never finished (service shutting down). */
    void abort() {
        release();
        members.forEach(m -> m.future.completeExceptionally(
                new CancellationException("the classifier service shut down")));
    }

    private void release() {
        if (manager != null) {
            manager.close();
            manager = null;
            w = null;
            rates = null;
            decay = null;
        }
        if (lease != null) {
            lease.close();
            lease = null;
            ds = null;
        }
    }

    /** One job of the group, as its submitter sees it. */
    final class Member implements TrainingHandle {

        private final String id = UUID.randomUUID().toString();
        private final TrainingRequest request;
        private final TrainingListener listener;
        private final CompletableFuture<TrainingResult> future = new CompletableFuture<>();
        private volatile boolean cancelled;
        /** The bias, kept here: the step adds it to the scores it reads back anyway. Null when off. */
        private float[] bias;
        private final List<EpochMetrics> metrics = new ArrayList<>();
        private double epochLoss;
        private long epochCorrect;
        private double lossSinceEvent;
        private int stepsSinceEvent;

        private Member(TrainingRequest request, TrainingListener listener) {
            this.request = request;
            this.listener = listener == null ? TrainingListener.none() : listener;
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

        private boolean stopped() {
            return future.isDone();
        }

        private void fail(MlException e) {
            future.completeExceptionally(e);
        }

        private double[] biasValues() {
            if (bias == null) {
                return null;
            }
            double[] out = new double[classes];
            for (int k = 0; k < classes; k++) {
                out[k] = bias[k];
            }
            return out;
        }

        private void learn(double[] gradB) {
            if (bias != null) {
                float lr = (float) request.learningRate();
                for (int k = 0; k < classes; k++) {
                    bias[k] = bias[k] - (float) gradB[k] * lr;
                }
            }
        }

        private void emit(boolean epochEnd, double testAccuracy, float[] weights) {
            int seen = epochEnd ? order.length : Math.min(order.length, step * pass.batchSize());
            TrainingProgress p = new TrainingProgress(id, epoch + 1, step, stepsPerEpoch,
                    lossSinceEvent / Math.max(1, stepsSinceEvent), (double) epochCorrect / Math.max(1, seen),
                    testAccuracy, imagesDone / (runNanos / 1e9), epochEnd, weights);
            lossSinceEvent = 0;
            stepsSinceEvent = 0;
            try {
                listener.onProgress(p);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "progress listener of job " + id + " failed", e);
            }
        }
    }
}
