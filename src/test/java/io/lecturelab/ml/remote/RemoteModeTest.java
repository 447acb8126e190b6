package io.lecturelab.ml.remote;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lecturelab.ml.ClassifierService;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.MlException;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.queue.ModelStore;
import io.lecturelab.ml.queue.QueueTestData;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With lecturelab.ml.mode=remote the application's classifier is the REST client, not the local engine. */
@QuarkusTest
@TestProfile(RemoteModeTest.Remote.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class RemoteModeTest {

    /** Points at a port where nothing listens, so every call shows that it went over the network. */
    public static class Remote implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lecturelab.ml.mode", "remote", "lecturelab.ml.remote-url", "http://127.0.0.1:1");
        }
    }

    @Inject
    ClassifierService classifier;

    @Inject
    ModelStore models;

    @Test
    void in_remote_mode_the_applications_classifier_calls_the_worker_server() {
        assertThatThrownBy(classifier::engineInfo).isInstanceOf(MlException.class)
                .extracting(e -> ((MlException) e).messageKey()).isEqualTo("ml.error.remoteUnavailable");
        var stored = models.load(models.save(QueueTestData.randomModel(3), QueueTestData.newUser(), null))
                .orElseThrow();
        assertThatThrownBy(() -> classifier.classify(stored, new ImageInput(new float[ImageInput.VALUES])))
                .isInstanceOf(MlException.class)
                .extracting(e -> ((MlException) e).messageKey()).isEqualTo("ml.error.remoteUnavailable");
        assertThatThrownBy(() -> classifier.train(TrainingRequest.defaults(), null)).isInstanceOf(MlException.class)
                .extracting(e -> ((MlException) e).messageKey()).isEqualTo("ml.error.remoteTraining");
    }
}
