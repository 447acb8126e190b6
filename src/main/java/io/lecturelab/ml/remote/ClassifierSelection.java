package io.lecturelab.ml.remote;

import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.ml.ClassifierService;
import io.lecturelab.ml.InProcess;
import io.lecturelab.ml.MlException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import java.time.Duration;

/** The application's classifier: in-process (default) or remote, by {@code lecturelab.ml.mode}. */
@ApplicationScoped
class ClassifierSelection {

    @Produces
    @Default
    @ApplicationScoped
    ClassifierService classifier(LectureLabConfig config, @InProcess Instance<ClassifierService> inProcess) {
        LectureLabConfig.Ml ml = config.ml();
        if (ml.mode() == LectureLabConfig.Ml.Mode.IN_PROCESS) {
            return new Delegating(inProcess.get());
        }
        String url = ml.remoteUrl().orElseThrow(() -> new MlException("ml.error.remoteUrl",
                "lecturelab.ml.mode=remote needs lecturelab.ml.remote-url"));
        String token = ml.serviceToken().orElseThrow(() -> new MlException("ml.error.remoteUrl",
                "lecturelab.ml.mode=remote needs lecturelab.ml.service-token"));
        return new RemoteClassifierService(URI.create(url), token, Duration.ofSeconds(30));
    }

    void close(@Disposes @Default ClassifierService service) {
        service.close(); // the in-process classifier is closed by its own producer, see Delegating
    }

    /** The in-process classifier under the default qualifier; closing it leaves the engine to its own bean. */
    private record Delegating(ClassifierService target) implements ClassifierService {
        @Override
        public io.lecturelab.ml.TrainingHandle train(io.lecturelab.ml.TrainingRequest request,
                                                     io.lecturelab.ml.TrainingListener listener) {
            return target.train(request, listener);
        }

        @Override
        public io.lecturelab.ml.Classification classify(io.lecturelab.ml.TrainingResult model,
                                                        io.lecturelab.ml.ImageInput image) {
            return target.classify(model, image);
        }

        @Override
        public java.util.List<io.lecturelab.ml.Classification> classifyAll(io.lecturelab.ml.TrainingResult model,
                java.util.List<io.lecturelab.ml.ImageInput> images) {
            return target.classifyAll(model, images);
        }

        @Override
        public io.lecturelab.ml.Classification explain(io.lecturelab.ml.TrainingResult model,
                                                       io.lecturelab.ml.ImageInput image) {
            return target.explain(model, image);
        }

        @Override
        public io.lecturelab.ml.ImageInput decodeImage(byte[] encodedImage) {
            return target.decodeImage(encodedImage);
        }

        @Override
        public io.lecturelab.ml.EngineInfo engineInfo() {
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
