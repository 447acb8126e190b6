package io.lecturelab.ml.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.lecturelab.ml.Classification;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.Preprocessing;
import io.lecturelab.ml.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A trained model's weights on the device, ready to classify. Read-only after construction, so many threads may
 * classify at once; every call works in its own sub-manager, closed before returning.
 */
final class LoadedModel implements AutoCloseable {

    final String modelId;
    private final List<String> classNames;
    private final Preprocessing preprocessing;
    private final int classes;
    private final NDManager manager;
    /** Wᵀ, 3072 × classes, contiguous: one matMul per batch. */
    private final NDArray wt;
    /** W, classes × 3072, for the contribution maps. */
    private final NDArray w;
    private final NDArray b;
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
        float[] transposed = new float[weights.length];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < ImageInput.VALUES; j++) {
                transposed[j * classes + c] = weights[c * ImageInput.VALUES + j];
            }
        }
        this.manager = parent.newSubManager();
        this.wt = manager.create(transposed, new Shape(ImageInput.VALUES, classes));
        this.w = manager.create(weights, new Shape(classes, ImageInput.VALUES));
        float[] bias = model.bias();
        boolean anyBias = false;
        for (float v : bias) {
            anyBias |= v != 0;
        }
        this.b = anyBias ? manager.create(bias) : null;
    }

    /** Preprocessed input of one image. */
    float[] prepare(ImageInput image) {
        return preprocessing.apply(image.values());
    }

    /**
     * Scores S = X·Wᵀ + b for {@code inputs} (preprocessed) in one engine call; probabilities ŷ = softmax(S)
     * per row (max-shifted, double accumulation).
     */
    List<Classification> classifyBatch(List<float[]> inputs) {
        int n = inputs.size();
        float[] flat = new float[n * ImageInput.VALUES];
        for (int i = 0; i < n; i++) {
            System.arraycopy(inputs.get(i), 0, flat, i * ImageInput.VALUES, ImageInput.VALUES);
        }
        float[] scores;
        float[] probabilities;
        engineCalls.incrementAndGet();
        try (NDManager call = manager.newSubManager()) {
            NDArray x = call.create(flat, new Shape(n, ImageInput.VALUES));
            NDArray s = x.matMul(wt);
            if (b != null) {
                s.addi(b);
            }
            scores = s.toFloatArray();
        }
        // softmax of a handful of scores per image: cheaper here than two more engine round trips
        probabilities = new float[scores.length];
        for (int i = 0; i < n; i++) {
            int off = i * classes;
            float max = scores[off + TrainingJob.argMax(scores, off, classes)];
            double z = 0;
            for (int c = 0; c < classes; c++) {
                z += Math.exp(scores[off + c] - max);
            }
            for (int c = 0; c < classes; c++) {
                probabilities[off + c] = (float) (Math.exp(scores[off + c] - max) / z);
            }
        }
        List<Classification> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] si = new float[classes];
            float[] pi = new float[classes];
            System.arraycopy(scores, i * classes, si, 0, classes);
            System.arraycopy(probabilities, i * classes, pi, 0, classes);
            out.add(new Classification(classNames, si, pi, TrainingJob.argMax(si, 0, classes), new float[0][]));
        }
        return out;
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
            NDArray xa = call.create(x, new Shape(1, ImageInput.VALUES));
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
