package io.lecturelab.ml.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The model's math on NDArrays: scores S = X·Wᵀ (+ b), loss = mean cross-entropy of softmax(S) + (λ/2)·||W||²,
 * and its gradient. Training uses the closed-form gradient ({@link #trainingStep}), which needs no autograd
 * and so no process-wide lock; {@link #forwardBackward} (DJL autograd) stays as the reference the tests compare it
 * with. Works in whatever data type the arrays have (the tests use float64).
 */
final class SoftmaxMath {

    /**
     * DJL's PyTorch GradientCollector allows one collector per process at a time (a static flag), so the
     * autograd section of concurrent jobs is serialised with this lock.
     */
    static final ReentrantLock AUTOGRAD = new ReentrantLock();

    private SoftmaxMath() {
    }

    /**
     * S = X·Wᵀ (+ b): x is N×D, w is C×D, b has C values or is null. Result N×C, in x's manager. Computed as
     * (W·Xᵀ)ᵀ: for these shapes (C of 2 or 10 against D = 3072) PyTorch's CPU matrix product is markedly faster
     * that way round (measured 183 against 300 µs at N = 256, C = 2).
     */
    static NDArray scores(NDArray x, NDArray w, NDArray b) {
        NDArray s = w.matMul(x.transpose()).transpose();
        return b == null ? s : s.add(b);
    }

    /** Mean cross-entropy over the batch plus (λ/2)·||W||². */
    static NDArray loss(NDArray scores, NDArray oneHot, NDArray w, double lambda) {
        long n = scores.getShape().get(0);
        NDArray ce = scores.logSoftmax(1).mul(oneHot).sum().neg().div(like(scores, n));
        if (lambda == 0) {
            return ce;
        }
        return ce.add(w.square().sum().mul(like(w, lambda / 2)));
    }

    /** A scalar of the array's floating type, so that arithmetic keeps float32 (or float64) throughout. */
    static Number like(NDArray array, double value) {
        return array.getDataType() == DataType.FLOAT64 ? (Number) value : (Number) (float) value;
    }

    /** Result of one autograd pass. Arrays belong to the caller's scope. */
    record Pass(NDArray loss, NDArray scores, NDArray gradW, NDArray gradB) {
    }

    /**
     * Forward and backward pass with DJL autograd. {@code w} and {@code b} must be fresh leaves (no gradient
     * accumulated yet); this method marks them as requiring a gradient.
     */
    static Pass forwardBackward(Engine engine, NDArray x, NDArray oneHot, NDArray w, NDArray b, double lambda) {
        NDArray loss;
        NDArray scores;
        AUTOGRAD.lock();
        try (GradientCollector collector = engine.newGradientCollector()) {
            w.setRequiresGradient(true);
            if (b != null) {
                b.setRequiresGradient(true);
            }
            scores = scores(x, w, b);
            loss = loss(scores, oneHot, w, lambda);
            collector.backward(loss);
        } finally {
            AUTOGRAD.unlock();
        }
        return new Pass(loss, scores, w.getGradient(), b == null ? null : b.getGradient());
    }

    /**
     * One training step's loss and gradient, computed the way training runs it (closed form, no autograd).
     *
     * @param loss   mean cross-entropy plus (λ/2)·||W||²
     * @param scores    S = X·Wᵀ + b, N × C row-major, as read back from the engine (plus b)
     * @param predicted the class of the highest score, per image
     * @param gradW     ∂L/∂W, C × D, an array in the caller's scope
     * @param gradB     ∂L/∂b, C values (the bias is not penalised)
     */
    record Step(double loss, double[] scores, int[] predicted, NDArray gradW, double[] gradB) {
    }

    /**
     * Forward pass and the closed-form gradient of {@link #loss}: with P = softmax(S) and Y the one-hot labels,
     * ∂L/∂W = (P − Y)ᵀX/N + λW and ∂L/∂b = mean over the batch of (P − Y). The two products over the batch run
     * in the engine; the N × C scores come back once and softmax, loss and Δ = (P − Y)/N are computed here in
     * double (a handful of values per image: cheaper than the dozen engine calls they took as arrays). Plain
     * array operations, no autograd: any number of jobs may run it at the same time. Works in x's floating type.
     *
     * @param bias the C bias values, or null for none
     */
    static Step trainingStep(NDArray x, int[] labels, NDArray w, double[] bias, double lambda) {
        int n = labels.length;
        int c = Math.toIntExact(w.getShape().get(0));
        double[] st = toDoubles(w.matMul(x.transpose())); // C × N (see scores)
        double[] scores = new double[n * c];
        double[] delta = new double[c * n]; // C × N, so that ∂L/∂W = Δ·X needs no transpose
        double[] gradB = new double[c];
        int[] predicted = new int[n];
        double lossSum = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                double v = st[k * n + i] + (bias == null ? 0 : bias[k]);
                scores[i * c + k] = v;
                if (v > max) {
                    max = v;
                    predicted[i] = k;
                }
            }
            double z = 0;
            for (int k = 0; k < c; k++) {
                z += Math.exp(scores[i * c + k] - max);
            }
            lossSum += Math.log(z) - (scores[i * c + labels[i]] - max);
            for (int k = 0; k < c; k++) {
                double d = (Math.exp(scores[i * c + k] - max) / z - (k == labels[i] ? 1 : 0)) / n;
                delta[k * n + i] = d;
                gradB[k] += d;
            }
        }
        double loss = lossSum / n;
        NDManager m = x.getManager();
        NDArray deltaArray = x.getDataType() == DataType.FLOAT64
                ? m.create(delta, new Shape(c, n))
                : m.create(toFloats(delta), new Shape(c, n));
        NDArray gradW = deltaArray.matMul(x);
        if (lambda != 0) {
            loss += lambda / 2 * w.square().sum().toType(DataType.FLOAT64, false).getDouble();
            gradW = gradW.add(w.mul(like(w, lambda)));
        }
        return new Step(loss, scores, predicted, gradW, gradB);
    }

    private static double[] toDoubles(NDArray array) {
        if (array.getDataType() == DataType.FLOAT64) {
            return array.toDoubleArray();
        }
        float[] f = array.toFloatArray();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
