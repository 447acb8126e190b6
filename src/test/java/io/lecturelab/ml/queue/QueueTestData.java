package io.lecturelab.ml.queue;

import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.EpochMetrics;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.Preprocessing;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import io.lecturelab.testsupport.AppDatabase;
import io.lecturelab.testsupport.PostgresResource;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/** Owners and model data for queue tests. */
public final class QueueTestData {

    private QueueTestData() {
    }

    public static long newUser() {
        String name = "ml-" + UUID.randomUUID().toString().substring(0, 12);
        return new AppDatabase(PostgresResource.jdbcUrl()).user(name, name, "unused-password");
    }

    public static void clearJobs() {
        new AppDatabase(PostgresResource.jdbcUrl()).text("delete from ml_training_job returning 1");
    }

    /**
     * A complete model with random weights (and a few awkward float values: -0.0, a subnormal, infinity-free
     * extremes) — what training would produce, without spending time training.
     */
    public static TrainingResult randomModel(long seed) {
        return randomModelWithId(seed, UUID.randomUUID().toString());
    }

    /** A random model that claims to be the stored model {@code modelId}. */
    public static TrainingResult randomModelWithId(String modelId) {
        return randomModelWithId(1, modelId);
    }

    private static TrainingResult randomModelWithId(long seed, String modelId) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ClassSet classes = ClassSet.ALL_TEN;
        float[] w = new float[classes.size() * ImageInput.VALUES];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rnd.nextGaussian() * 0.01);
        }
        w[0] = -0.0f;
        w[1] = Float.MIN_VALUE;
        w[2] = Float.MAX_VALUE / 1e30f;
        w[3] = Math.nextUp(1.0f);
        float[] b = new float[classes.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rnd.nextGaussian();
        }
        float[] mean = new float[ImageInput.VALUES];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (rnd.nextDouble() * 255);
        }
        return new TrainingResult(modelId,
                TrainingRequest.defaults().withClasses(classes).withSeed(seed), classes.classNames(), w, b,
                List.of(new EpochMetrics(1, 2.1, 0.25, 0.3, 12345.5), new EpochMetrics(2, 1.9, 0.3, Double.NaN, 1e4)),
                new Preprocessing(Preprocessing.MEAN_IMAGE_SCALE, mean, 1f / 255f),
                "train=sha256:ab;test=sha256:cd", "PyTorch 2.5.1", "cpu()", Duration.ofMillis(1234));
    }
}
