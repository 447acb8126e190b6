package io.lecturelab.ml.remote;

import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.ml.Classification;
import io.lecturelab.ml.ClassifierService;
import io.lecturelab.ml.EngineInfo;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.InProcess;
import io.lecturelab.ml.MlException;
import io.lecturelab.ml.TrainingHandle;
import io.lecturelab.ml.TrainingListener;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import io.lecturelab.ml.queue.ModelStore;
import java.time.Duration;
import java.util.List;

/** The application's classifier: in-process (default) or remote, by {@code lecturelab.ml.mode}. */
@ApplicationScoped
class ClassifierSelection {

    @Produces
    @Default
    @ApplicationScoped
    ClassifierService classifier(LectureLabConfig config, @InProcess Instance<ClassifierService> inProcess,
                                  ModelStore models) {
        LectureLabConfig.Ml ml = config.ml();
        if (ml.mode() == LectureLabConfig.Ml.Mode.IN_PROCESS) {
            return new Delegating(inProcess.get());
        }
        String url = ml.remoteUrl().orElseThrow(() -> new MlException("ml.error.remoteUrl",
                "lecturelab.ml.mode=remote needs lecturelab.ml.remote-url"));
        String token = ml.serviceToken().orElseThrow(() -> new MlException("ml.error.remoteUrl",
                "lecturelab.ml.mode=remote needs lecturelab.ml.service-token"));
        return new RemoteClassifierService(URI.create(url), token, Duration.ofSeconds(30), models::ownerOf);
    }

    void close(@Disposes @Default ClassifierService service) {
        service.close(); // the in-process classifier is closed by its own producer, see Delegating
    }

    /** The in-process classifier under the default qualifier; closing it leaves the engine to its own bean. */
    private record Delegating(ClassifierService target) implements ClassifierService {
        @Override
        public TrainingHandle train(TrainingRequest request, TrainingListener listener) {
            return target.train(request, listener);
        }

        @Override
        public List<TrainingHandle> trainTogether(List<TrainingRequest> requests,
                                                  List<TrainingListener> listeners) {
            return target.trainTogether(requests, listeners);
        }

        @Override
        public Classification classify(TrainingResult model, ImageInput image) {
            return target.classify(model, image);
        }

        @Override
        public List<Classification> classifyAll(TrainingResult model, List<ImageInput> images) {
            return target.classifyAll(model, images);
        }

        @Override
        public Classification explain(TrainingResult model, ImageInput image) {
            return target.explain(model, image);
        }

        @Override
        public ImageInput decodeImage(byte[] encodedImage) {
            return target.decodeImage(encodedImage);
        }

        @Override
        public EngineInfo engineInfo() {
            return target.engineInfo();
        }

        @Override
        public long inferenceEngineCalls() {
            return target.inferenceEngineCalls();
        }

        @Override
        public void close() {
        }
    }
}
