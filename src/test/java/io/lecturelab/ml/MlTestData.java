package io.lecturelab.ml;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find CIFAR-10 (system property lecturelab.ml.cifar10-dir, set by the build). */
public final class MlTestData {

    private MlTestData() {
    }

    public static Path dir() {
        Path dir = Path.of(System.getProperty(ClassifierSettings.DATA_DIR_PROPERTY, "../shared/data/cifar10"));
        assumeTrue(Files.isRegularFile(dir.resolve("test_batch.bin")), "CIFAR-10 not found in " + dir);
        return dir;
    }

    /** Settings for tests: one thread per operation, given workers. */
    public static ClassifierSettings settings(int workers) {
        return ClassifierSettings.defaults().withTrainingWorkers(workers)
                .withMicroBatching(true)
                .withSliceSteps(20)
                .withDataDir(dir());
    }
}
