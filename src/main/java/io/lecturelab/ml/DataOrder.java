package io.lecturelab.ml;

import java.util.SplittableRandom;

/**
 * The order in which training sees the images: the same for every job, whatever its seed, so that jobs with the
 * same class set, batch size and epochs can share each batch (see {@link TrainingRequest#sharesPassWith}) and a
 * job's weights do not depend on which jobs it trained with. Epoch e's order is a Fisher–Yates shuffle of epoch
 * e − 1's (epoch 1 shuffles 0, 1, …, n − 1), drawn from one {@code SplittableRandom(SEED)} stream. A job's own
 * seed draws only its initial weights. Not thread-safe: one instance per training run.
 */
public final class DataOrder {

    /** Seeds the shared stream. Changing it changes every model trained from then on. */
    public static final long SEED = 0x5EED_DA7AL;

    private final SplittableRandom rng = new SplittableRandom(SEED);
    private final int[] order;

    public DataOrder(int images) {
        order = new int[images];
        for (int i = 0; i < images; i++) {
            order[i] = i;
        }
    }

    /** The next epoch's order: image indices, each once. The array is reused (overwritten) by the next call. */
    public int[] nextEpoch() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
