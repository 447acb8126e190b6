package io.lecturelab.ml.djl;

import io.lecturelab.ml.Classification;
import io.lecturelab.ml.ClassifierService;
import io.lecturelab.ml.ClassifierSettings;
import io.lecturelab.ml.EngineInfo;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.TrainingHandle;
import io.lecturelab.ml.TrainingListener;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import io.lecturelab.ml.data.ImageDecoder;
import java.util.List;
import java.util.function.Function;

/**
 * Starts the engine on first use, so the application starts fast and a server that never classifies never loads
 * PyTorch. A failed start (e.g. the native library is missing) is reported to that caller and tried again on the
 * next call.
 */
final class LazyClassifierService implements ClassifierService {

    private final ClassifierSettings settings;
    private final Function<ClassifierSettings, ClassifierService> factory;
    private volatile ClassifierService delegate;
    private volatile boolean closed;

    LazyClassifierService(ClassifierSettings settings, Function<ClassifierSettings, ClassifierService> factory) {
        this.settings = settings;
        this.factory = factory;
    }

    private ClassifierService engine() {
        ClassifierService d = delegate;
        if (d != null && !closed) {
            return d;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the classifier service is closed");
            }
            if (delegate == null) {
                delegate = factory.apply(settings);
            }
            return delegate;
        }
    }

    /** Whether the engine has been started. */
    boolean started() {
        return delegate != null;
    }

    @Override
    public TrainingHandle train(TrainingRequest request, TrainingListener listener) {
        return engine().train(request, listener);
    }

    @Override
    public List<TrainingHandle> trainTogether(List<TrainingRequest> requests,
                                              List<TrainingListener> listeners) {
        return engine().trainTogether(requests, listeners);
    }

    @Override
    public Classification classify(TrainingResult model, ImageInput image) {
        return engine().classify(model, image);
    }

    @Override
    public List<Classification> classifyAll(TrainingResult model, List<ImageInput> images) {
        return engine().classifyAll(model, images);
    }

    @Override
    public Classification explain(TrainingResult model, ImageInput image) {
        return engine().explain(model, image);
    }

    @Override
    public ImageInput decodeImage(byte[] encodedImage) {
        return ImageDecoder.decode(encodedImage); // plain Java: no reason to start the engine
    }

    @Override
    public EngineInfo engineInfo() {
        return engine().engineInfo();
    }

    @Override
    public long inferenceEngineCalls() {
        ClassifierService d = delegate;
        return d == null ? 0 : d.inferenceEngineCalls();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (delegate != null) {
            delegate.close();
        }
    }
}
