package io.lecturelab.ml.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import io.lecturelab.ml.data.Cifar10Files;
import io.lecturelab.ml.data.Cifar10Reader;
import io.lecturelab.ml.data.LabelledImages;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * No NDArray outlives its use: the service's root manager (which owns every array the service creates,
 * through sub-managers) holds the same number of arrays before and after training and classifying.
 */
class LeakTest {

    @Test
    void trainingAndAThousandClassificationsLeaveNoArraysBehind() throws Exception {
        try (DjlClassifierService service = new DjlClassifierService(MlTestData.settings(1))) {
            int baseline = service.rootManager().getManagedArrays().size();
            List<Integer> duringTraining = new CopyOnWriteArrayList<>();
            TrainingResult model = service.train(TrainingRequest.defaults().withEpochs(2).withProgressEverySteps(3),
                    p -> duringTraining.add(service.rootManager().getManagedArrays().size())).result().get();
            // dataset (on the CPU one array, the test split: the training split is in host memory) + the group's
            // stacked W and its learning-rate and weight-decay columns (biases are Java arrays), at every progress
            // event: nothing piles up per step
            assertTrue(duringTraining.size() > 20);
            assertEquals(1, duringTraining.stream().distinct().count(), "arrays during training: " + duringTraining);
            assertEquals(baseline + 4, duringTraining.get(0));
            assertEquals(baseline + 1, service.rootManager().getManagedArrays().size(), "only the cached dataset");

            LabelledImages test = Cifar10Reader.read(new Cifar10Files(MlTestData.dir()).testFile());
            service.classify(model, test.image(0));
            service.explain(model, test.image(0));
            int loaded = service.rootManager().getManagedArrays().size();
            for (int i = 0; i < 1000; i++) {
                ImageInput img = test.image(i);
                service.classify(model, img);
                if (i % 100 == 0) {
                    service.explain(model, img);
                    service.classifyAll(model, List.of(img, img));
                }
            }
            assertEquals(loaded, service.rootManager().getManagedArrays().size());

            service.unloadModels();
            service.datasets().evictIdle();
            assertEquals(baseline, service.rootManager().getManagedArrays().size());
        }
    }
}
