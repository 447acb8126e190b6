package io.lecturelab.ml.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.EpochMetrics;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.NeedsCifar10;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With default settings the linear classifier reaches the accuracy known for it on CIFAR-10. */
@NeedsCifar10
class AccuracyTest {

    private static DjlClassifierService service;

    @BeforeAll
    static void start() {
        service = new DjlClassifierService(MlTestData.settings(1));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void catVsDogWithDefaultsBeatsTheFloor() throws Exception {
        TrainingResult r = service.train(TrainingRequest.defaults(), p -> { }).result().get();
        print("cat vs dog", r);
        assertEquals(2, r.classCount());
        assertTrue(r.finalTestAccuracy() >= 0.57, "cat/dog test accuracy " + r.finalTestAccuracy());
    }

    @Test
    void allTenClassesBeatTheFloor() throws Exception {
        TrainingResult r = service.train(TrainingRequest.defaults().withClasses(ClassSet.ALL_TEN), p -> { })
                .result().get();
        print("ten classes", r);
        assertEquals(10, r.classCount());
        assertTrue(r.finalTestAccuracy() >= 0.33, "ten-class test accuracy " + r.finalTestAccuracy());
    }

    private static void print(String name, TrainingResult r) {
        System.out.printf("%s: %s, %s, %s in %d ms%n", name, r.request(), r.engine(), r.device(),
                r.duration().toMillis());
        for (EpochMetrics m : r.epochs()) {
            System.out.printf("  epoch %d loss %.4f train %.4f test %.4f  %.0f img/s%n", m.epoch(), m.loss(),
                    m.trainAccuracy(), m.testAccuracy(), m.imagesPerSecond());
        }
    }
}
