package io.lecturelab.ml;

import static io.lecturelab.ml.InvalidSettingException.require;

/**
 * What a student asks to train: a linear softmax classifier s = Wx (+ b), trained with mini-batch SGD on
 * cross-entropy plus an L2 penalty (lambda/2)·||W||².
 *
 * @param learningRate       SGD step size, in (0, 10]
 * @param batchSize          images per step, 1..4096
 * @param epochs             passes over the training split, 1..200
 * @param l2Strength         lambda of the L2 penalty on W (the bias is not penalised), 0..10
 * @param seed               seeds the initial weights; the order of the images is the same for every job
 *                           ({@link DataOrder}); same seed and settings give the same weights
 * @param bias               whether the model has a bias vector b; false reproduces the lecture slide (s = Wx)
 * @param classes            which classes to separate
 * @param progressEverySteps a progress event every this many steps (plus one at each epoch end), 1..100000
 */
public record TrainingRequest(double learningRate, int batchSize, int epochs, double l2Strength, long seed,
                              boolean bias, ClassSet classes, int progressEverySteps) {

    public static final double DEFAULT_LEARNING_RATE = 0.02;
    public static final int DEFAULT_BATCH_SIZE = 256;
    public static final int DEFAULT_EPOCHS = 5;
    public static final double DEFAULT_L2 = 0.001;
    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_PROGRESS_EVERY = 10;

    public TrainingRequest {
        require(Double.isFinite(learningRate) && learningRate > 0 && learningRate <= 10,
                "ml.error.learningRate", "learning rate must be > 0 and <= 10, was " + learningRate);
        require(batchSize >= 1 && batchSize <= 4096,
                "ml.error.batchSize", "batch size must be between 1 and 4096, was " + batchSize);
        require(epochs >= 1 && epochs <= 200,
                "ml.error.epochs", "epochs must be between 1 and 200, was " + epochs);
        require(Double.isFinite(l2Strength) && l2Strength >= 0 && l2Strength <= 10,
                "ml.error.l2Strength", "L2 strength must be between 0 and 10, was " + l2Strength);
        require(classes != null, "ml.error.classes", "a class set is required");
        require(progressEverySteps >= 1 && progressEverySteps <= 100_000,
                "ml.error.progressEverySteps", "progress interval must be between 1 and 100000 steps, was "
                        + progressEverySteps);
    }

    /**
     * Whether this job and {@code other} can train together on one pass over the data: the same images, in the same
     * batches, for the same number of epochs (class set, batch size, epochs). Learning rate, L2 strength, bias, seed
     * and progress interval may differ.
     */
    public boolean sharesPassWith(TrainingRequest other) {
        return classes == other.classes && batchSize == other.batchSize && epochs == other.epochs;
    }

    /** The defaults: cat vs dog, lr 0.02, batch 256, 5 epochs, lambda 0.001, seed 42, with bias. */
    public static TrainingRequest defaults() {
        return new TrainingRequest(DEFAULT_LEARNING_RATE, DEFAULT_BATCH_SIZE, DEFAULT_EPOCHS, DEFAULT_L2,
                DEFAULT_SEED, true, ClassSet.CAT_VS_DOG, DEFAULT_PROGRESS_EVERY);
    }

    public TrainingRequest withLearningRate(double value) {
        return new TrainingRequest(value, batchSize, epochs, l2Strength, seed, bias, classes, progressEverySteps);
    }

    public TrainingRequest withBatchSize(int value) {
        return new TrainingRequest(learningRate, value, epochs, l2Strength, seed, bias, classes, progressEverySteps);
    }

    public TrainingRequest withEpochs(int value) {
        return new TrainingRequest(learningRate, batchSize, value, l2Strength, seed, bias, classes, progressEverySteps);
    }

    public TrainingRequest withL2Strength(double value) {
        return new TrainingRequest(learningRate, batchSize, epochs, value, seed, bias, classes, progressEverySteps);
    }

    public TrainingRequest withSeed(long value) {
        return new TrainingRequest(learningRate, batchSize, epochs, l2Strength, value, bias, classes, progressEverySteps);
    }

    public TrainingRequest withBias(boolean value) {
        return new TrainingRequest(learningRate, batchSize, epochs, l2Strength, seed, value, classes, progressEverySteps);
    }

    public TrainingRequest withClasses(ClassSet value) {
        return new TrainingRequest(learningRate, batchSize, epochs, l2Strength, seed, bias, value, progressEverySteps);
    }

    public TrainingRequest withProgressEverySteps(int value) {
        return new TrainingRequest(learningRate, batchSize, epochs, l2Strength, seed, bias, classes, value);
    }
}
