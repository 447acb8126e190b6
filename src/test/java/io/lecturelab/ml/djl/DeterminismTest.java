package io.lecturelab.ml.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.NeedsCifar10;
import io.lecturelab.ml.Preprocessing;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import io.lecturelab.ml.data.Cifar10Files;
import io.lecturelab.ml.data.Cifar10Reader;
import io.lecturelab.ml.data.LabelledImages;
import io.lecturelab.ml.reference.PlainSoftmaxSgd;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@NeedsCifar10
class DeterminismTest {

    private static DjlClassifierService service;
    private static final TrainingRequest ONE_EPOCH = TrainingRequest.defaults().withEpochs(1).withSeed(7);

    @BeforeAll
    static void start() {
        service = new DjlClassifierService(MlTestData.settings(2));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndAnotherSeedDoesNot() throws Exception {
        // submitted together, so they also run concurrently on the two workers
        var a = service.train(ONE_EPOCH, null);
        var b = service.train(ONE_EPOCH, null);
        var c = service.train(ONE_EPOCH.withSeed(8), null);
        TrainingResult ra = a.result().get();
        TrainingResult rb = b.result().get();
        TrainingResult rc = c.result().get();
        assertArrayEquals(ra.weights(), rb.weights());
        assertArrayEquals(ra.bias(), rb.bias());
        assertFalse(Arrays.equals(ra.weights(), rc.weights()));
        assertTrue(ra.datasetChecksum().startsWith("cats_dogs_train.bin=sha256:fffcc58d"), ra.datasetChecksum());
        assertTrue(ra.engine().startsWith("PyTorch"), ra.engine());
    }

    @Test
    void djlTrainingMatchesThePlainJavaOracle() throws Exception {
        TrainingResult djl = service.train(ONE_EPOCH, null).result().get();

        Cifar10Files files = new Cifar10Files(MlTestData.dir());
        LabelledImages train = Cifar10Reader.read(files.trainingFile(ClassSet.CAT_VS_DOG))
                .select(ClassSet.CAT_VS_DOG.labels());
        Preprocessing pre = djl.preprocessing();
        PlainSoftmaxSgd plain = new PlainSoftmaxSgd(2, true, ONE_EPOCH.seed());
        plain.epoch(train.preprocessed(pre), train.labels(), ONE_EPOCH.batchSize(),
                (float) ONE_EPOCH.learningRate(), (float) ONE_EPOCH.l2Strength());

        float[] expected = plain.weights();
        float[] actual = djl.weights();
        double maxAbs = 0;
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
            maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
        }
        System.out.printf("DJL vs plain Java after one epoch: max |ΔW| %.3g, max |W| %.3g%n", maxDiff, maxAbs);
        assertTrue(maxDiff <= 1e-3 * maxAbs, "max |ΔW| " + maxDiff + " vs max |W| " + maxAbs);
        assertArrayEquals(plain.bias(), djl.bias(), (float) (1e-3 * maxAbs));
    }
}
