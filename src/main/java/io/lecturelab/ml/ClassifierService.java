package io.lecturelab.ml;

import java.util.ArrayList;
import java.util.List;

/**
 * The softmax classifier as the application sees it. Implementations are thread-safe.
 */
public interface ClassifierService extends AutoCloseable {

    /** Queues a training job; it runs on the service's worker pool, round-robin with other jobs. */
    TrainingHandle train(TrainingRequest request, TrainingListener listener);

    /**
     * Queues jobs that share a pass over the data ({@link TrainingRequest#sharesPassWith}) to train together; one
     * handle per request, in order. Each job's result is the one it would get alone (within float rounding: see
     * {@link DataOrder}), and each keeps its own progress and cancel. This default trains them one by one.
     *
     * @param listeners one per request (null entries for none)
     */
    default List<TrainingHandle> trainTogether(List<TrainingRequest> requests, List<TrainingListener> listeners) {
        if (requests.size() != listeners.size()) {
            throw new IllegalArgumentException("one listener per request");
        }
        List<TrainingHandle> handles = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            handles.add(train(requests.get(i), listeners.get(i)));
        }
        return handles;
    }

    /** Classifies one image (scores and probabilities, no contribution maps). */
    Classification classify(TrainingResult model, ImageInput image);

    /** Classifies many images in one go, results in input order. */
    List<Classification> classifyAll(TrainingResult model, List<ImageInput> images);

    /** Classifies one image and adds the per-class contribution maps for the demo. */
    Classification explain(TrainingResult model, ImageInput image);

    /** Decodes a PNG/JPEG (any size) into model input; see the data package for the exact method. */
    ImageInput decodeImage(byte[] encodedImage);

    EngineInfo engineInfo();

    /** Engine calls made for classification so far (lets a caller see micro-batching at work). */
    long inferenceEngineCalls();

    @Override
    void close();
}
