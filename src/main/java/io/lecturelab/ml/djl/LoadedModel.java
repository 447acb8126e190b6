package io.lecturelab.ml.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.lecturelab.ml.Classification;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.Preprocessing;
import io.lecturelab.ml.TrainingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A trained model's weights on the device, ready to classify. Read-only after construction, so many threads may
 * classify at once; each call closes the arrays it made before returning.
 * <p>
 * The bias is folded into the weights: W' = [W | b] (C × 3073) and x' = [x, 1], so that s = W'x' is one engine
 * operation — a matrix-vector product for one image, (W'·X'ᵀ)ᵀ for a batch (the faster way round on a CPU, see
 * {@link SoftmaxMath#scores}) — and one image costs three engine calls in all (input, product, read back).
 */
final class LoadedModel implements AutoCloseable {

    /** Input values per image with the constant 1 that multiplies the bias. */
    private static final int WITH_ONE = ImageInput.VALUES + 1;

    final String modelId;
    private final List<String> classNames;
    private final Preprocessing preprocessing;
    private final int classes;
    private final NDManager manager;
    /** W' = [W | b], classes × 3073. */
    private final NDArray wb;
    /** W, classes × 3072: a view of W' without the bias column, for the contribution maps. */
    private final NDArray w;
    private final AtomicLong engineCalls;
    private final AtomicInteger users = new AtomicInteger(1);
    private volatile boolean retired;

    LoadedModel(TrainingResult model, NDManager parent, AtomicLong engineCalls) {
        this.modelId = model.modelId();
        this.classNames = model.classNames();
        this.preprocessing = model.preprocessing();
        this.classes = model.classCount();
        this.engineCalls = engineCalls;
        float[] weights = model.weights();
        float[] bias = model.bias();
        float[] augmented = new float[classes * WITH_ONE];
        for (int c = 0; c < classes; c++) {
            System.arraycopy(weights, c * ImageInput.VALUES, augmented, c * WITH_ONE, ImageInput.VALUES);
            augmented[c * WITH_ONE + ImageInput.VALUES] = bias[c];
        }
        this.manager = parent.newSubManager();
        this.wb = manager.create(augmented, new Shape(classes, WITH_ONE));
        this.w = wb.get(new NDIndex(":, :" + ImageInput.VALUES));
    }

    /** Preprocessed input of one image, with the trailing 1 for the bias. */
    float[] prepare(ImageInput image) {
        float[] x = new float[WITH_ONE];
        preprocessing.applyInto(image.values(), x, 0);
        x[ImageInput.VALUES] = 1f;
        return x;
    }

    /**
     * Scores s = W'x' for {@code inputs} (from {@link #prepare}) in one engine call; probabilities ŷ = softmax(s)
     * per row (max-shifted, double accumulation).
     */
    List<Classification> classifyBatch(List<float[]> inputs) {
        int n = inputs.size();
        float[] flat;
        if (n == 1) {
            flat = inputs.get(0);
        } else {
            flat = new float[n * WITH_ONE];
            for (int i = 0; i < n; i++) {
                System.arraycopy(inputs.get(i), 0, flat, i * WITH_ONE, WITH_ONE);
            }
        }
        float[] scores;
        engineCalls.incrementAndGet();
        try (NDScope scope = new NDScope()) {
            NDArray x = HostBuffer.wrap(manager, flat, n == 1 ? new Shape(WITH_ONE) : new Shape(n, WITH_ONE));
            NDArray s = n == 1 ? wb.matMul(x) : wb.matMul(x.transpose()).transpose();
            scores = s.toFloatArray();
        }
        // softmax of a handful of scores per image: cheaper here than more engine round trips
        List<Classification> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] si = Arrays.copyOfRange(scores, i * classes, (i + 1) * classes);
            int best = argMax(si);
            float max = si[best];
            double z = 0;
            for (float v : si) {
                z += Math.exp(v - max);
            }
            float[] pi = new float[classes];
            for (int c = 0; c < classes; c++) {
                pi[c] = (float) (Math.exp(si[c] - max) / z);
            }
            out.add(new Classification(classNames, si, pi, best, new float[0][]));
        }
        return out;
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Classification plus per-class contribution maps: for class c and pixel p,
     * {@code sum over channels of W[c, ch*1024+p] · x'[ch*1024+p]}.
     */
    Classification explain(ImageInput image) {
        float[] x = prepare(image);
        Classification base = classifyBatch(List.of(x)).get(0);
        float[] maps;
        engineCalls.incrementAndGet();
        try (NDManager call = manager.newSubManager()) {
            NDArray xa = call.create(Arrays.copyOf(x, ImageInput.VALUES), new Shape(1, ImageInput.VALUES));
            maps = xa.mul(w).reshape(classes, 3, ImageInput.PIXELS).sum(new int[] {1}).toFloatArray();
        }
        float[][] contributions = new float[classes][ImageInput.PIXELS];
        for (int c = 0; c < classes; c++) {
            System.arraycopy(maps, c * ImageInput.PIXELS, contributions[c], 0, ImageInput.PIXELS);
        }
        return new Classification(base.classNames(), base.scores(), base.probabilities(), base.predictedIndex(),
                contributions);
    }

    boolean tryUse() {
        while (true) {
            int u = users.get();
            if (u <= 0) {
                return false;
            }
            if (users.compareAndSet(u, u + 1)) {
                return true;
            }
        }
    }

    void done() {
        if (users.decrementAndGet() == 0) {
            manager.close();
        }
    }

    /** Closes once no call uses it any more. */
    void retire() {
        if (!retired) {
            retired = true;
            done();
        }
    }

    @Override
    public void close() {
        retire();
    }
}
