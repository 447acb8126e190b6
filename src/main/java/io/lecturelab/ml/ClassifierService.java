package io.lecturelab.ml;

import java.util.List;

/**
 * The softmax classifier as the application sees it. Implementations are thread-safe.
 */
public interface ClassifierService extends AutoCloseable {

    /** Queues a training job; it runs on the service's worker pool, round-robin with other jobs. */
    TrainingHandle train(TrainingRequest request, TrainingListener listener);

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
