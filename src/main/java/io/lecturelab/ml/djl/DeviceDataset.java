package io.lecturelab.ml.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.Preprocessing;
import io.lecturelab.ml.data.Cifar10Files;
import io.lecturelab.ml.data.Cifar10Reader;
import io.lecturelab.ml.data.LabelledImages;
import java.nio.FloatBuffer;

/**
 * One class set's training and test split, preprocessed and loaded to the device once. Shared read-only by all
 * jobs; batches are gathered from {@link #trainX}. Labels stay in Java (class indices).
 */
final class DeviceDataset implements AutoCloseable {

    final ClassSet classes;
    final String checksum;
    final Preprocessing preprocessing;
    final NDManager manager;
    final NDArray trainX;
    final NDArray testX;
    final int[] trainY;
    final int[] testY;

    private DeviceDataset(ClassSet classes, String checksum, Preprocessing preprocessing, NDManager manager,
                          NDArray trainX, NDArray testX, int[] trainY, int[] testY) {
        this.classes = classes;
        this.checksum = checksum;
        this.preprocessing = preprocessing;
        this.manager = manager;
        this.trainX = trainX;
        this.testX = testX;
        this.trainY = trainY;
        this.testY = testY;
    }

    static DeviceDataset load(Cifar10Files files, ClassSet classes, NDManager parent) {
        String checksum = files.datasetChecksum(classes);
        LabelledImages train = Cifar10Reader.read(files.trainingFile(classes)).select(classes.labels());
        LabelledImages test = Cifar10Reader.read(files.testFile()).select(classes.labels());
        Preprocessing pre = new Preprocessing(Preprocessing.MEAN_IMAGE_SCALE, train.meanImage(), 1f / 255f);
        NDManager manager = parent.newSubManager();
        try {
            NDArray trainX = manager.create(FloatBuffer.wrap(train.preprocessed(pre)),
                    new Shape(train.size(), ImageInput.VALUES));
            NDArray testX = manager.create(FloatBuffer.wrap(test.preprocessed(pre)),
                    new Shape(test.size(), ImageInput.VALUES));
            return new DeviceDataset(classes, checksum, pre, manager, trainX, testX, train.labels(), test.labels());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    int trainSize() {
        return trainY.length;
    }

    @Override
    public void close() {
        manager.close();
    }
}
