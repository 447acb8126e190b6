package io.lecturelab.ml.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.Preprocessing;
import io.lecturelab.ml.data.Cifar10Files;
import io.lecturelab.ml.data.Cifar10Reader;
import io.lecturelab.ml.data.LabelledImages;
import java.nio.FloatBuffer;

/**
 * One class set's training and test split, loaded once and shared read-only by all jobs. Labels stay in Java
 * (class indices); the test split lives on the device as preprocessed floats.
 * <p>
 * Training batches ({@link #batch}) come from one of two places:
 * <ul>
 *   <li>on a GPU, the training split lives on the device as preprocessed floats and a batch is gathered there;</li>
 *   <li>on the CPU, the training split stays as the raw bytes read from the files (a quarter of the float size,
 *       so the cat/dog set fits in a server's last-level cache) and a batch is gathered and preprocessed in Java,
 *       with the same float arithmetic, into a {@link HostBuffer} that the engine reads in place. This
 *       moves a quarter of the bytes that gathering floats on the device would, and is the difference between
 *       a memory-bound and a compute-bound training step on a small server.</li>
 * </ul>
 * Both give bit-identical batches ({@code DeviceDatasetTest}).
 */
final class DeviceDataset implements AutoCloseable {

    /** Where the training batches are gathered. */
    enum Gather {
        /** Chosen by the device: {@link #DEVICE} on a GPU, {@link #HOST} on the CPU. */
        AUTO,
        HOST,
        DEVICE
    }

    /** Each training thread's preprocessed batch, reused from step to step. */
    private static final ThreadLocal<float[][]> STAGING = ThreadLocal.withInitial(() -> new float[1][0]);

    final ClassSet classes;
    final String checksum;
    final Preprocessing preprocessing;
    final NDManager manager;
    final NDArray testX;
    final int[] trainY;
    final int[] testY;
    private final LabelledImages train;
    private final float[] mean;
    /** The preprocessed training split on the device, or null when batches are gathered on the host. */
    private final NDArray trainX;

    private DeviceDataset(ClassSet classes, String checksum, Preprocessing preprocessing, NDManager manager,
                          LabelledImages train, NDArray trainX, NDArray testX, int[] testY) {
        this.classes = classes;
        this.checksum = checksum;
        this.preprocessing = preprocessing;
        this.manager = manager;
        this.train = train;
        this.mean = preprocessing.mean();
        this.trainX = trainX;
        this.testX = testX;
        this.trainY = train.labels();
        this.testY = testY;
    }

    static DeviceDataset load(Cifar10Files files, ClassSet classes, NDManager parent) {
        return load(files, classes, parent, Gather.AUTO);
    }

    static DeviceDataset load(Cifar10Files files, ClassSet classes, NDManager parent, Gather gather) {
        String checksum = files.datasetChecksum(classes);
        LabelledImages train = Cifar10Reader.read(files.trainingFile(classes)).select(classes.labels());
        LabelledImages test = Cifar10Reader.read(files.testFile()).select(classes.labels());
        Preprocessing pre = new Preprocessing(Preprocessing.MEAN_IMAGE_SCALE, train.meanImage(), 1f / 255f);
        boolean onDevice = gather == Gather.DEVICE || (gather == Gather.AUTO && parent.getDevice().isGpu());
        NDManager manager = parent.newSubManager();
        try {
            NDArray trainX = onDevice ? manager.create(FloatBuffer.wrap(train.preprocessed(pre)),
                    new Shape(train.size(), ImageInput.VALUES)) : null;
            NDArray testX = manager.create(FloatBuffer.wrap(test.preprocessed(pre)),
                    new Shape(test.size(), ImageInput.VALUES));
            return new DeviceDataset(classes, checksum, pre, manager, train, trainX, testX, test.labels());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    int trainSize() {
        return trainY.length;
    }

    /**
     * The preprocessed training images {@code order[from..to)} as one batch, N × 3072, in {@code m}. A batch
     * gathered on the host is a {@link HostBuffer}: close it before the same thread asks for the next one.
     */
    NDArray batch(NDManager m, int[] order, int from, int to) {
        int n = to - from;
        if (trainX != null) {
            long[] idx = new long[n];
            for (int i = 0; i < n; i++) {
                idx[i] = order[from + i];
            }
            return trainX.get(new NDIndex("{}", m.create(idx)));
        }
        float[][] staging = STAGING.get();
        if (staging[0].length < n * ImageInput.VALUES) {
            staging[0] = new float[n * ImageInput.VALUES];
        }
        float[] floats = staging[0];
        float scale = preprocessing.scale();
        for (int i = 0; i < n; i++) {
            train.preprocessInto(order[from + i], mean, scale, floats, i * ImageInput.VALUES);
        }
        return HostBuffer.wrap(m, floats, new Shape(n, ImageInput.VALUES));
    }

    @Override
    public void close() {
        manager.close();
    }
}
