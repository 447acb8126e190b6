package io.lecturelab.ml.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.lecturelab.ml.Classification;
import io.lecturelab.ml.ClassifierService;
import io.lecturelab.ml.ClassifierSettings;
import io.lecturelab.ml.EngineInfo;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.TrainingHandle;
import io.lecturelab.ml.TrainingListener;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import io.lecturelab.ml.data.Cifar10Files;
import io.lecturelab.ml.data.ImageDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * {@link ClassifierService} on Deep Java Library with the PyTorch engine. Owns one root NDManager; every array
 * it creates lives below it and is closed when no longer needed.
 */
public final class DjlClassifierService implements ClassifierService {

    private static final int MAX_LOADED_MODELS = 64;

    private final ClassifierSettings settings;
    private final Engine engine;
    private final Device device;
    private final NDManager root;
    private final DatasetCache datasets;
    private final TrainingScheduler scheduler;
    private final AtomicLong engineCalls = new AtomicLong();
    private final Map<String, Loaded> models = new LinkedHashMap<>(16, 0.75f, true);
    private volatile boolean closed;

    private record Loaded(LoadedModel model, MicroBatcher batcher) {
    }

    public DjlClassifierService(ClassifierSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        this.engine = DjlEngine.load(settings.intraOpThreads());
        this.device = DjlEngine.device(engine, settings.device());
        this.root = engine.newBaseManager(device);
        this.datasets = new DatasetCache(new Cifar10Files(settings.dataDir()), root, 2);
        this.scheduler = new TrainingScheduler(settings.trainingWorkers(), settings.sliceSteps());
    }

    public DjlClassifierService() {
        this(ClassifierSettings.defaults());
    }

    @Override
    public TrainingHandle train(TrainingRequest request, TrainingListener listener) {
        Objects.requireNonNull(request, "request");
        return trainTogether(List.of(request), java.util.Collections.singletonList(listener)).get(0);
    }

    /** One group: every step's batch is assembled once and the jobs' products run as one (see TrainingGroup). */
    @Override
    public List<TrainingHandle> trainTogether(List<TrainingRequest> requests, List<TrainingListener> listeners) {
        ensureOpen();
        TrainingGroup group = new TrainingGroup(requests, listeners, engine, device, datasets, root);
        scheduler.submit(group);
        return group.handles();
    }

    @Override
    public Classification classify(TrainingResult model, ImageInput image) {
        Objects.requireNonNull(image, "image");
        Loaded loaded = acquire(model);
        try {
            float[] x = loaded.model.prepare(image);
            if (loaded.batcher != null) {
                return loaded.batcher.submit(x);
            }
            return loaded.model.classifyBatch(List.of(x)).get(0);
        } finally {
            loaded.model.done();
        }
    }

    @Override
    public List<Classification> classifyAll(TrainingResult model, List<ImageInput> images) {
        Loaded loaded = acquire(model);
        try {
            List<Classification> out = new ArrayList<>(images.size());
            int chunk = Math.max(1, settings.maxBatch()) * 16;
            for (int from = 0; from < images.size(); from += chunk) {
                List<float[]> inputs = new ArrayList<>();
                for (ImageInput img : images.subList(from, Math.min(images.size(), from + chunk))) {
                    inputs.add(loaded.model.prepare(img));
                }
                out.addAll(loaded.model.classifyBatch(inputs));
            }
            return out;
        } finally {
            loaded.model.done();
        }
    }

    @Override
    public Classification explain(TrainingResult model, ImageInput image) {
        Loaded loaded = acquire(model);
        try {
            return loaded.model.explain(image);
        } finally {
            loaded.model.done();
        }
    }

    @Override
    public ImageInput decodeImage(byte[] encodedImage) {
        return ImageDecoder.decode(encodedImage);
    }

    @Override
    public EngineInfo engineInfo() {
        return new EngineInfo(DjlEngine.describe(engine), device.toString(), intraOpThreads(),
                settings.trainingWorkers());
    }

    /** Whether classify calls are micro-batched: as configured, or by the device (see {@link ClassifierSettings}). */
    private boolean batching() {
        return switch (settings.microBatching()) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> device.isGpu();
        };
    }

    /**
     * How many classification calls run at once: as configured, else one on a GPU (it runs one call at a time
     * anyway, so waiting requests should share it) and on a CPU as many as the cores can run side by side.
     */
    private int engineLanes() {
        if (settings.inferenceLanes() > 0) {
            return settings.inferenceLanes();
        }
        return device.isGpu() ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors() / settings.intraOpThreads());
    }

    private static int intraOpThreads() {
        try {
            return Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public long inferenceEngineCalls() {
        return engineCalls.get();
    }

    /** Loads (or finds) the model and marks it in use; the caller must call {@code model.done()}. */
    private Loaded acquire(TrainingResult model) {
        Objects.requireNonNull(model, "model");
        ensureOpen();
        while (true) {
            Loaded loaded;
            synchronized (models) {
                loaded = models.get(model.modelId());
                if (loaded == null) {
                    LoadedModel lm = new LoadedModel(model, root, engineCalls);
                    Function<List<float[]>, List<Classification>> call = lm::classifyBatch;
                    MicroBatcher batcher = batching()
                            ? new MicroBatcher(call, engineLanes(), settings.maxBatch(), settings.maxWait().toNanos())
                            : null;
                    loaded = new Loaded(lm, batcher);
                    models.put(model.modelId(), loaded);
                    if (models.size() > MAX_LOADED_MODELS) {
                        var eldest = models.entrySet().iterator().next();
                        models.remove(eldest.getKey());
                        eldest.getValue().model.retire();
                    }
                }
            }
            if (loaded.model.tryUse()) {
                return loaded;
            }
        }
    }

    /** Unloads every model (they are loaded again on the next call). */
    void unloadModels() {
        synchronized (models) {
            models.values().forEach(l -> l.model.retire());
            models.clear();
        }
    }

    NDManager rootManager() {
        return root;
    }

    DatasetCache datasets() {
        return datasets;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the classifier service is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.close();
        unloadModels();
        datasets.close();
        root.close();
    }
}
