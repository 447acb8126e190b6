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
 * @param microBatching       whether concurrent classify calls are collected into one engine call: {@code AUTO}
 *                            does so on a GPU, where each engine call has a fixed launch and copy cost and calls run
 *                            one at a time, and not on a CPU, where handing requests between threads costs more
 *                            than the engine calls it saves (see the benchmark)
 * @param maxBatch            most requests in one engine call
 * @param maxWait             longest a collecting call waits for requests that are already on their way
 * @param inferenceLanes      engine calls for classification that may run at once; requests that arrive while all
 *                            lanes are busy form the next batch. 0 = chosen by the device: 1 on a GPU, on a CPU
 *                            the cores divided by the threads per operation
 */
public record ClassifierSettings(Path dataDir, String device, int intraOpThreads, int trainingWorkers,
                                 int sliceSteps, Batching microBatching, int maxBatch, Duration maxWait,
                                 int inferenceLanes) {

    public static final String DATA_DIR_PROPERTY = "lecturelab.ml.cifar10-dir";

    /** Micro-batching of concurrent classify calls. */
    public enum Batching {
        AUTO, ON, OFF;

        /** {@code auto}, {@code on}/{@code true} or {@code off}/{@code false}, in any case. */
        public static Batching parse(String value) {
            return switch (value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "auto" -> AUTO;
                case "on", "true" -> ON;
                case "off", "false" -> OFF;
                default -> throw new InvalidSettingException("ml.error.batching",
                        "micro-batching must be auto, on or off, was " + value);
            };
        }
    }

    public ClassifierSettings {
        require(dataDir != null, "ml.error.dataDir", "data folder is required");
        require(microBatching != null, "ml.error.batching", "micro-batching must be auto, on or off");
        require(device != null && (device.equals("auto") || device.equals("cpu") || device.equals("gpu")),
                "ml.error.device", "device must be auto, cpu or gpu, was " + device);
        require(intraOpThreads >= 1 && intraOpThreads <= 256, "ml.error.threads", "threads must be 1..256");
        require(trainingWorkers >= 1 && trainingWorkers <= 256, "ml.error.workers", "workers must be 1..256");
        require(sliceSteps >= 1, "ml.error.sliceSteps", "slice must be at least one step");
        require(maxBatch >= 1 && maxBatch <= 4096, "ml.error.maxBatch", "max batch must be 1..4096");
        require(maxWait != null && !maxWait.isNegative() && maxWait.toMillis() <= 100, "ml.error.maxWait",
                "max wait must be 0..100 ms");
        require(inferenceLanes >= 0 && inferenceLanes <= 256, "ml.error.lanes", "inference lanes must be 0..256");
    }

    /**
     * Defaults for this machine: data folder from system property {@value #DATA_DIR_PROPERTY} (or environment
     * variable LECTURELAB_ML_CIFAR10_DIR, else ./data/cifar10), device auto, 1 thread per operation, one worker
     * per available core, slices of 20 steps, micro-batching chosen by the device (up to 64 requests, waiting at most 200 µs), inference lanes chosen by the device.
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
        return new ClassifierSettings(Path.of(dir), "auto", 1, Math.max(1, cores), 20, Batching.AUTO, 64,
                Duration.ofNanos(200_000), 0);
    }

    public ClassifierSettings withDataDir(Path value) {
        return new ClassifierSettings(value, device, intraOpThreads, trainingWorkers, sliceSteps, microBatching,
                maxBatch, maxWait, inferenceLanes);
    }

    public ClassifierSettings withMicroBatching(boolean value) {
        return withMicroBatching(value ? Batching.ON : Batching.OFF);
    }

    public ClassifierSettings withMicroBatching(Batching value) {
        return new ClassifierSettings(dataDir, device, intraOpThreads, trainingWorkers, sliceSteps, value, maxBatch,
                maxWait, inferenceLanes);
    }

    public ClassifierSettings withInferenceLanes(int value) {
        return new ClassifierSettings(dataDir, device, intraOpThreads, trainingWorkers, sliceSteps, microBatching,
                maxBatch, maxWait, value);
    }

    public ClassifierSettings withTrainingWorkers(int value) {
        return new ClassifierSettings(dataDir, device, intraOpThreads, value, sliceSteps, microBatching, maxBatch,
                maxWait, inferenceLanes);
    }

    public ClassifierSettings withSliceSteps(int value) {
        return new ClassifierSettings(dataDir, device, intraOpThreads, trainingWorkers, value, microBatching, maxBatch,
                maxWait, inferenceLanes);
    }
}
