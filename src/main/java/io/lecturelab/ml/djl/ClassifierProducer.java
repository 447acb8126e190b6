package io.lecturelab.ml.djl;

import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.ml.ClassifierService;
import io.lecturelab.ml.ClassifierSettings;
import io.lecturelab.ml.InProcess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/** The in-process classifier bean, configured from {@code lecturelab.ml.*}; the engine starts on first use. */
@ApplicationScoped
class ClassifierProducer {

    @Produces
    @ApplicationScoped
    @InProcess
    ClassifierService inProcessClassifier(LectureLabConfig config) {
        return new LazyClassifierService(settings(config.ml()), DjlClassifierService::new);
    }

    void close(@Disposes @InProcess ClassifierService service) {
        service.close();
    }

    static ClassifierSettings settings(LectureLabConfig.Ml ml) {
        int cores = Runtime.getRuntime().availableProcessors();
        // one engine worker per queue worker (a server without queue workers still trains the odd direct job)
        int queueWorkers = ml.queue().workers().orElse(cores);
        int engineWorkers = queueWorkers > 0 ? queueWorkers : cores;
        return new ClassifierSettings(ml.cifar10Dir(), ml.device(), ml.intraOpThreads(), engineWorkers, 20,
                ClassifierSettings.Batching.parse(ml.microBatching()), 64, Duration.ofNanos(200_000), 0);
    }
}
