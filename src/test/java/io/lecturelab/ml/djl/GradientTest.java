package io.lecturelab.ml.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DJL autograd's gradient of the model's loss equals the analytic one, (ŷ − y)ᵀX/N + λW and mean(ŷ − y), and a
 * central-difference numerical gradient, on a small random case in float64.
 */
class GradientTest {

    @ParameterizedTest
    @CsvSource({"true, 0.1", "false, 0.0", "true, 0.0"})
    void autogradMatchesAnalyticAndNumericalGradients(boolean withBias, double lambda) {
        int n = 7;
        int d = 12;
        int c = 3;
        SplittableRandom rnd = new SplittableRandom(1234);
        double[] x = new double[n * d];
        double[] w = new double[c * d];
        double[] b = new double[c];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextGaussian() * 0.5;
        }
        for (int i = 0; i < c; i++) {
            b[i] = withBias ? rnd.nextGaussian() : 0;
        }
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(c);
        }
        double[] oneHot = new double[n * c];
        for (int i = 0; i < n; i++) {
            oneHot[i * c + y[i]] = 1;
        }

        Engine engine = DjlEngine.load(1);
        try (NDManager m = engine.newBaseManager()) {
            NDArray xa = m.create(x, new Shape(n, d));
            NDArray ya = m.create(oneHot, new Shape(n, c));
            NDArray wa = m.create(w, new Shape(c, d));
            NDArray ba = withBias ? m.create(b) : null;
            SoftmaxMath.Pass pass = SoftmaxMath.forwardBackward(engine, xa, ya, wa, ba, lambda);
            assertEquals(DataType.FLOAT64, pass.gradW().getDataType());
            double[] gw = pass.gradW().toDoubleArray();

            // analytic, in plain double arithmetic
            double[] p = new double[n * c];
            double loss = 0;
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                double[] s = new double[c];
                for (int k = 0; k < c; k++) {
                    s[k] = b[k];
                    for (int j = 0; j < d; j++) {
                        s[k] += w[k * d + j] * x[i * d + j];
                    }
                    max = Math.max(max, s[k]);
                }
                double z = 0;
                for (int k = 0; k < c; k++) {
                    z += Math.exp(s[k] - max);
                }
                for (int k = 0; k < c; k++) {
                    p[i * c + k] = Math.exp(s[k] - max) / z;
                }
                loss -= Math.log(p[i * c + y[i]]);
            }
            double reg = 0;
            for (double v : w) {
                reg += v * v;
            }
            loss = loss / n + lambda / 2 * reg;
            assertEquals(loss, pass.loss().getDouble(), 1e-12);
            for (int k = 0; k < c; k++) {
                for (int j = 0; j < d; j++) {
                    double g = 0;
                    for (int i = 0; i < n; i++) {
                        g += (p[i * c + k] - oneHot[i * c + k]) * x[i * d + j];
                    }
                    g = g / n + lambda * w[k * d + j];
                    assertEquals(g, gw[k * d + j], 1e-12, "analytic dL/dW[" + k + "," + j + "]");
                }
            }
            if (withBias) {
                double[] gb = pass.gradB().toDoubleArray();
                for (int k = 0; k < c; k++) {
                    double g = 0;
                    for (int i = 0; i < n; i++) {
                        g += p[i * c + k] - oneHot[i * c + k];
                    }
                    assertEquals(g / n, gb[k], 1e-12, "analytic dL/db[" + k + "]");
                }
            }

            // central differences of the engine's own loss function
            double h = 1e-6;
            for (int i = 0; i < w.length; i++) {
                double[] plus = w.clone();
                double[] minus = w.clone();
                plus[i] += h;
                minus[i] -= h;
                double numeric = (lossOf(m, xa, ya, plus, ba, c, d, lambda) - lossOf(m, xa, ya, minus, ba, c, d, lambda))
                        / (2 * h);
                assertEquals(numeric, gw[i], 1e-7, "numerical dL/dW at " + i);
            }
        }
    }

    private static double lossOf(NDManager m, NDArray x, NDArray y, double[] w, NDArray b, int c, int d,
                                 double lambda) {
        try (NDManager sub = m.newSubManager()) {
            NDArray wa = sub.create(w, new Shape(c, d));
            NDArray s = SoftmaxMath.scores(x, wa, b);
            s.attach(sub);
            NDArray loss = SoftmaxMath.loss(s, y, wa, lambda);
            return loss.getDouble();
        }
    }

    /** The step training runs (closed form, no autograd) gives autograd's loss, scores and gradients. */
    @ParameterizedTest
    @CsvSource({"true, 0.1, FLOAT64", "false, 0.0, FLOAT64", "true, 0.0, FLOAT64", "true, 0.001, FLOAT32",
            "false, 0.5, FLOAT32"})
    void theTrainingStepsGradientEqualsAutograds(boolean withBias, double lambda, DataType type) {
        int n = 33;
        int d = 3072;
        int c = 10;
        SplittableRandom rnd = new SplittableRandom(99);
        double[] x = new double[n * d];
        double[] w = new double[c * d];
        double[] b = new double[c];
        double[] oneHot = new double[n * c];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextGaussian() * 0.01;
        }
        for (int i = 0; i < c; i++) {
            b[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            oneHot[i * c + rnd.nextInt(c)] = 1;
        }
        double tolerance = type == DataType.FLOAT64 ? 1e-12 : 2e-6;
        Engine engine = DjlEngine.load(1);
        try (NDManager m = engine.newBaseManager()) {
            NDArray xa = m.create(x, new Shape(n, d)).toType(type, false);
            NDArray ya = m.create(oneHot, new Shape(n, c)).toType(type, false);
            NDArray wAuto = m.create(w, new Shape(c, d)).toType(type, false);
            NDArray bAuto = withBias ? m.create(b).toType(type, false) : null;
            NDArray wPlain = m.create(w, new Shape(c, d)).toType(type, false);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < c; k++) {
                    if (oneHot[i * c + k] == 1) {
                        labels[i] = k;
                    }
                }
            }

            SoftmaxMath.Pass auto = SoftmaxMath.forwardBackward(engine, xa, ya, wAuto, bAuto, lambda);
            SoftmaxMath.Step plain = SoftmaxMath.trainingStep(xa, labels, wPlain, withBias ? b.clone() : null,
                    lambda);

            assertEquals(type, plain.gradW().getDataType());
            assertEquals(auto.loss().toType(DataType.FLOAT64, false).getDouble(), plain.loss(), tolerance);
            NDArray autoScores = auto.scores().stopGradient();
            assertClose(autoScores.sub(autoScores.get(":, :1")), m.create(plain.scores(), new Shape(n, c)),
                    tolerance);
            long[] autoPredicted = auto.scores().stopGradient().argMax(1).toLongArray();
            for (int i = 0; i < n; i++) {
                assertEquals(autoPredicted[i], plain.predicted()[i], "predicted class of image " + i);
            }
            assertClose(auto.gradW(), plain.gradW(), tolerance);
            if (withBias) {
                assertClose(auto.gradB(), m.create(plain.gradB()), tolerance);
            } else {
                assertEquals(null, auto.gradB());
            }
        }
    }

    private static void assertClose(NDArray expected, NDArray actual, double tolerance) {
        double[] e = expected.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] a = actual.toType(DataType.FLOAT64, false).toDoubleArray();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tolerance * Math.max(1, Math.abs(e[i])), "element " + i);
        }
    }
}
