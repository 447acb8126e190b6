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
 * One class set's training and test split, preprocessed and loaded once, shared read-only by all jobs. Labels
 * stay in Java (class indices); the test split is an array on the device.
 * <p>
 * The training split lives where the engine computes: on a GPU as an array on the device, and a batch
 * ({@link #batch}) is gathered there; on the CPU in one float array of this process (not a second copy inside
 * the engine), and a batch is a memory copy of its rows into a {@link HostBuffer} that the engine reads in
 * place. On a small CPU server the copy is the cheapest of the ways measured (engine-side gather, gathering the
 * raw bytes and preprocessing them in Java): see the benchmark. Both give bit-identical batches
 * ({@code DeviceDatasetTest}).
 */
final class DeviceDataset implements AutoCloseable {

    /** Where the training batches are gathered. */
    enum Gather {
        /** Chosen by the device: {@link #DEVICE} on a GPU, {@link #HOST} on the CPU. */
        AUTO,
        HOST,
        DEVICE
    }

    final ClassSet classes;
    final String checksum;
    final Preprocessing preprocessing;
    final NDManager manager;
    final NDArray testX;
    final int[] trainY;
    final int[] testY;
    /** The preprocessed training split on the device, or null when it is kept on the host. */
    private final NDArray trainX;
    /** The preprocessed training split in host memory, or null when it is on the device. */
    private final FloatBuffer trainHost;

    private DeviceDataset(ClassSet classes, String checksum, Preprocessing preprocessing, NDManager manager,
                          NDArray trainX, FloatBuffer trainHost, int[] trainY, NDArray testX, int[] testY) {
        this.classes = classes;
        this.checksum = checksum;
        this.preprocessing = preprocessing;
        this.manager = manager;
        this.trainX = trainX;
        this.trainHost = trainHost;
        this.trainY = trainY;
        this.testX = testX;
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
        float[] trainValues = train.preprocessed(pre);
        NDManager manager = parent.newSubManager();
        try {
            NDArray trainX = onDevice
                    ? manager.create(FloatBuffer.wrap(trainValues), new Shape(train.size(), ImageInput.VALUES))
                    : null;
            FloatBuffer trainHost = onDevice ? null : FloatBuffer.wrap(trainValues).asReadOnlyBuffer();
            NDArray testX = manager.create(FloatBuffer.wrap(test.preprocessed(pre)),
                    new Shape(test.size(), ImageInput.VALUES));
            return new DeviceDataset(classes, checksum, pre, manager, trainX, trainHost, train.labels(), testX,
                    test.labels());
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
        return HostBuffer.gather(m, trainHost, ImageInput.VALUES, order, from, to);
    }

    @Override
    public void close() {
        manager.close();
    }
}
