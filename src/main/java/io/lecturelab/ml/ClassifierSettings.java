package io.lecturelab.ml;

import static io.lecturelab.ml.InvalidSettingException.require;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Engine configuration.
 *
 * @param dataDir             folder with the CIFAR-10 binary files
 * @param device              "auto" (the engine's default device), "cpu" or "gpu"
 * @param intraOpThreads      threads per engine operation (1 keeps timings stable on small machines). The engine
 *                            reads this once per process: the first service created decides it.
 * @param trainingWorkers     training jobs run at the same time; more jobs wait in a round-robin queue
 * @param sliceSteps          steps a job runs before it goes to the back of the queue (round-robin quantum)
 * @param microBatching       whether concurrent classify calls are collected into one engine call
 * @param maxBatch            most requests in one engine call
 * @param maxWait             longest a collecting call waits for requests that are already on their way
 */
public record ClassifierSettings(Path dataDir, String device, int intraOpThreads, int trainingWorkers,
                                 int sliceSteps, boolean microBatching, int maxBatch, Duration maxWait) {

    public static final String DATA_DIR_PROPERTY = "lecturelab.ml.cifar10-dir";

    public ClassifierSettings {
        require(dataDir != null, "ml.error.dataDir", "data folder is required");
        require(device != null && (device.equals("auto") || device.equals("cpu") || device.equals("gpu")),
                "ml.error.device", "device must be auto, cpu or gpu, was " + device);
        require(intraOpThreads >= 1 && intraOpThreads <= 256, "ml.error.threads", "threads must be 1..256");
        require(trainingWorkers >= 1 && trainingWorkers <= 256, "ml.error.workers", "workers must be 1..256");
        require(sliceSteps >= 1, "ml.error.sliceSteps", "slice must be at least one step");
        require(maxBatch >= 1 && maxBatch <= 4096, "ml.error.maxBatch", "max batch must be 1..4096");
        require(maxWait != null && !maxWait.isNegative() && maxWait.toMillis() <= 100, "ml.error.maxWait",
                "max wait must be 0..100 ms");
    }

    /**
     * Defaults for this machine: data folder from system property {@value #DATA_DIR_PROPERTY} (or environment
     * variable LECTURELAB_ML_CIFAR10_DIR, else ./data/cifar10), device auto, 1 thread per operation, one worker
     * per available core, slices of 20 steps, micro-batching on (up to 64 requests, waiting at most 200 µs).
     */
    public static ClassifierSettings defaults() {
        String dir = System.getProperty(DATA_DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("LECTURELAB_ML_CIFAR10_DIR");
        }
        if (dir == null || dir.isBlank()) {
            dir = "data/cifar10";
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return new ClassifierSettings(Path.of(dir), "auto", 1, Math.max(1, cores), 20, true, 64,
                Duration.ofNanos(200_000));
    }

    public ClassifierSettings withDataDir(Path value) {
        return new ClassifierSettings(value, device, intraOpThreads, trainingWorkers, sliceSteps, microBatching,
                maxBatch, maxWait);
    }

    public ClassifierSettings withMicroBatching(boolean value) {
        return new ClassifierSettings(dataDir, device, intraOpThreads, trainingWorkers, sliceSteps, value, maxBatch,
                maxWait);
    }

    public ClassifierSettings withTrainingWorkers(int value) {
        return new ClassifierSettings(dataDir, device, intraOpThreads, value, sliceSteps, microBatching, maxBatch,
                maxWait);
    }

    public ClassifierSettings withSliceSteps(int value) {
        return new ClassifierSettings(dataDir, device, intraOpThreads, trainingWorkers, value, microBatching, maxBatch,
                maxWait);
    }
}
