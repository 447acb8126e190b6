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
     * @param scores    S = X·Wᵀ + b less each image's score of class 0 (softmax does not change when the same
     *                  value is added to every score of an image), N × C row-major
     * @param predicted the class of the highest score, per image
     * @param gradW     ∂L/∂W, C × D, an array in the caller's scope
     * @param gradB     ∂L/∂b, C values (the bias is not penalised)
     */
    record Step(double loss, double[] scores, int[] predicted, NDArray gradW, double[] gradB) {
    }

    /** {@link #stackedStep} for one model, with the L2 term in the gradient: w is C × D, bias has C values or null. */
    static Step trainingStep(NDArray x, int[] labels, NDArray w, double[] bias, double lambda) {
        int c = Math.toIntExact(w.getShape().get(0));
        Stacked s = stackedStep(x, labels, w, c, new double[][] {bias}, new double[] {lambda});
        NDArray gradW = lambda == 0 ? s.gradCrossEntropy() : s.gradCrossEntropy().add(w.mul(like(w, lambda)));
        return new Step(s.loss()[0], s.scores()[0], s.predicted()[0], gradW, s.gradB()[0]);
    }

    /**
     * One step of K models at once on one batch, per model as in {@link Step}; arrays indexed by model. The L2
     * term is in the loss but not in the gradient: ∂L/∂W = {@code gradCrossEntropy} + λW, which the update folds
     * into one pass (W ← W·(1 − lr·λ) − lr·gradCrossEntropy).
     *
     * @param gradCrossEntropy ∂(mean cross-entropy)/∂W of every model, stacked like w (K·C × D), an array in the
     *                         caller's scope
     */
    record Stacked(double[] loss, double[][] scores, int[][] predicted, NDArray gradCrossEntropy, double[][] gradB) {
    }

    /**
     * The weights of K models stacked row-wise (model k's C rows start at row k·C) as differences from each
     * model's class 0: U = W_c − W_0 for c = 1 … C−1, K·(C−1) × D. Softmax sees only differences of scores, so
     * U·x (+ b_c − b_0) decides everything W·x does, with one row fewer per model: half the products for cat/dog.
     */
    static NDArray differences(NDArray w, int models, int c) {
        long d = w.getShape().get(1);
        NDArray perModel = w.reshape(models, c, d);
        return perModel.get(":, 1:, :").sub(perModel.get(":, :1, :")).reshape((long) models * (c - 1), d);
    }

    /**
     * Forward pass and the closed-form gradient of {@link #loss} for K models whose weights are stacked row-wise
     * in {@code w} (model k's C rows start at row k·C), all on the same batch x: with P = softmax(S) and Y the
     * one-hot labels, ∂L/∂W = (P − Y)ᵀX/N + λW and ∂L/∂b = mean over the batch of (P − Y).
     * <p>
     * The engine computes two products for all models together. Softmax does not change when the same value is
     * added to all of an image's scores, so the scores come as differences from class 0 (S' = U·Xᵀ with U from
     * {@link #differences}, K·(C−1) × N), and for the same reason each image's row of P − Y sums to zero: the
     * gradient rows of classes 1 … C−1 are one product Δ'·X and class 0's is minus their sum. For cat/dog that
     * halves the arithmetic. S' comes back once; softmax, loss and Δ = (P − Y)/N are computed here in double (a
     * handful of values per image and model: cheaper than the dozen engine calls they took as arrays). Plain array
     * operations, no autograd: any number of threads may run it at the same time. Works in x's floating type.
     *
     * @param bias   per model its C bias values, or null for none
     * @param lambda per model its L2 strength
     */
    static Stacked stackedStep(NDArray x, int[] labels, NDArray w, int c, double[][] bias, double[] lambda) {
        int n = labels.length;
        int models = lambda.length;
        long d = w.getShape().get(1);
        double[] st = toDoubles(differences(w, models, c).matMul(x.transpose())); // K·(C−1) × N (see scores)
        double[] delta = new double[models * (c - 1) * n]; // so that the gradient is Δ'·X with no transpose
        double[] loss = new double[models];
        double[][] scores = new double[models][n * c];
        double[][] gradB = new double[models][c];
        int[][] predicted = new int[models][n];
        for (int k = 0; k < models; k++) {
            loss[k] = crossEntropy(st, delta, k * (c - 1), c, n, labels, bias[k], scores[k], predicted[k], gradB[k]);
        }
        NDManager m = x.getManager();
        boolean float64 = x.getDataType() == DataType.FLOAT64;
        Shape rows = new Shape((long) models * (c - 1), n);
        NDArray deltaArray = float64 ? m.create(delta, rows) : m.create(toFloats(delta), rows);
        NDArray others = deltaArray.matMul(x).reshape(models, c - 1, d);
        NDArray classZero = c == 2 ? others.neg() : others.sum(new int[] {1}, true).neg();
        NDArray gradW = classZero.concat(others, 1).reshape((long) models * c, d);
        boolean penalised = false;
        for (double l : lambda) {
            penalised |= l != 0;
        }
        if (penalised) {
            double[] norms = toDoubles(w.norm(new int[] {1})); // ||row||, K·C values
            for (int k = 0; k < models; k++) {
                double sum = 0;
                for (int r = k * c; r < (k + 1) * c; r++) {
                    sum += norms[r] * norms[r];
                }
                loss[k] += lambda[k] / 2 * sum;
            }
        }
        return new Stacked(loss, scores, predicted, gradW, gradB);
    }

    /**
     * The class with the highest score, from one model's score differences: rows {@code row} … {@code row}+C−2
     * of {@code st} (rows of N) hold classes 1 … C−1 less class 0; {@code bias} has C values or is null.
     */
    static int predicted(float[] st, int row, int c, int n, int image, float[] bias) {
        int best = 0;
        float bestScore = 0;
        for (int k = 1; k < c; k++) {
            float v = st[(row + k - 1) * n + image] + (bias == null ? 0f : bias[k] - bias[0]);
            if (v > bestScore) {
                bestScore = v;
                best = k;
            }
        }
        return best;
    }

    /**
     * Softmax cross-entropy of one model whose score differences (classes 1 … C−1 less class 0) are rows
     * {@code row} … {@code row}+C−2 of {@code st} (rows of N); writes its scores (N × C, relative to class 0, plus
     * bias), predicted classes, Δ rows of classes 1 … C−1 and ∂L/∂b.
     *
     * @return mean cross-entropy over the batch
     */
    private static double crossEntropy(double[] st, double[] delta, int row, int c, int n, int[] labels,
                                       double[] bias, double[] scores, int[] predicted, double[] gradB) {
        double lossSum = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                double v = (k == 0 ? 0 : st[(row + k - 1) * n + i]) + (bias == null ? 0 : bias[k] - bias[0]);
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
                double dk = (Math.exp(scores[i * c + k] - max) / z - (k == labels[i] ? 1 : 0)) / n;
                if (k > 0) {
                    delta[(row + k - 1) * n + i] = dk;
                }
                gradB[k] += dk;
            }
        }
        return lossSum / n;
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
