package io.lecturelab.ml.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lecturelab.ml.Classification;
import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.MlException;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.NeedsCifar10;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import io.lecturelab.ml.data.Cifar10Files;
import io.lecturelab.ml.data.Cifar10Reader;
import io.lecturelab.ml.data.LabelledImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@NeedsCifar10
class InferenceTest {

    private static DjlClassifierService service;
    private static TrainingResult model;
    private static LabelledImages test;

    @BeforeAll
    static void start() throws Exception {
        service = new DjlClassifierService(MlTestData.settings(1));
        model = service.train(TrainingRequest.defaults().withEpochs(1).withClasses(ClassSet.ALL_TEN), null)
                .result().get();
        test = Cifar10Reader.read(new Cifar10Files(MlTestData.dir()).testFile());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** s = W·x' + b computed in plain Java from the stored weights. */
    private static float[] javaScores(ImageInput image) {
        float[] x = model.preprocessing().apply(image.values());
        float[] w = model.weights();
        float[] b = model.bias();
        float[] s = new float[model.classCount()];
        for (int c = 0; c < s.length; c++) {
            double acc = b[c];
            for (int j = 0; j < ImageInput.VALUES; j++) {
                acc += (double) w[c * ImageInput.VALUES + j] * x[j];
            }
            s[c] = (float) acc;
        }
        return s;
    }

    @Test
    void aTestRecordClassifiedAloneEqualsTheBatchPredictionAndTheJavaScores() {
        List<ImageInput> images = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            images.add(test.image(i));
        }
        List<Classification> batch = service.classifyAll(model, images);
        int correct = 0;
        for (int i = 0; i < images.size(); i++) {
            Classification one = service.classify(model, images.get(i));
            assertEquals(batch.get(i).predictedIndex(), one.predictedIndex(), "image " + i);
            assertArrayEquals(batch.get(i).scores(), one.scores(), 1e-4f, "image " + i);
            assertArrayEquals(javaScores(images.get(i)), one.scores(), 1e-3f, "image " + i);
            float sum = 0;
            for (float p : one.probabilities()) {
                sum += p;
            }
            assertEquals(1f, sum, 1e-5f);
            if (one.predictedIndex() == test.label(i)) {
                correct++;
            }
        }
        assertTrue(correct > 60, "well above chance (30 of 300): " + correct);
        assertEquals("cat", ClassSet.ALL_TEN.classNames().get(test.label(0)));
    }

    @Test
    void concurrentCallersGetTheSequentialAnswersWithFewerEngineCalls() throws Exception {
        int requests = 800;
        List<Classification> sequential = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            sequential.add(service.classify(model, test.image(i)));
        }
        long before = service.inferenceEngineCalls();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Classification>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                ImageInput img = test.image(i);
                futures.add(pool.submit(() -> service.classify(model, img)));
            }
            for (int i = 0; i < requests; i++) {
                Classification c = futures.get(i).get();
                assertEquals(sequential.get(i).predictedIndex(), c.predictedIndex(), "request " + i);
                assertArrayEquals(sequential.get(i).scores(), c.scores(), 1e-4f, "request " + i);
            }
        } finally {
            pool.shutdownNow();
        }
        long calls = service.inferenceEngineCalls() - before;
        System.out.printf("micro-batching: %d concurrent requests took %d engine calls%n", requests, calls);
        assertTrue(calls <= requests, "engine calls " + calls + " for " + requests + " requests");
    }

    @Test
    void requestsThatArriveWhileEveryLaneIsBusyShareEngineCalls() throws Exception {
        int lanes = 2;
        int waiting = 30;
        AtomicLong calls = new AtomicLong();
        try (LoadedModel loaded = new LoadedModel(model, service.rootManager(), calls)) {
            CountDownLatch lanesBusy = new CountDownLatch(lanes);
            CountDownLatch open = new CountDownLatch(1);
            MicroBatcher batcher = new MicroBatcher(inputs -> {
                if (lanesBusy.getCount() > 0) {
                    lanesBusy.countDown();
                    await(open); // the first calls hold both lanes until every other request has queued
                }
                return loaded.classifyBatch(inputs);
            }, lanes, 64, 200_000);
            ExecutorService pool = Executors.newFixedThreadPool(lanes + waiting);
            try {
                List<Future<Classification>> futures = new ArrayList<>();
                for (int i = 0; i < lanes; i++) {
                    ImageInput img = test.image(i);
                    futures.add(pool.submit(() -> batcher.submit(loaded.prepare(img))));
                }
                lanesBusy.await();
                for (int i = lanes; i < lanes + waiting; i++) {
                    ImageInput img = test.image(i);
                    futures.add(pool.submit(() -> batcher.submit(loaded.prepare(img))));
                }
                Thread.sleep(300); // every waiting request is queued behind the busy lanes
                open.countDown();
                for (int i = 0; i < futures.size(); i++) {
                    Classification c = futures.get(i).get();
                    assertArrayEquals(javaScores(test.image(i)), c.scores(), 1e-3f, "request " + i);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        // two calls held the lanes; the 30 queued requests needed at most one more call per lane
        assertTrue(calls.get() <= lanes * 2, calls.get() + " engine calls for " + (lanes + waiting) + " requests");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void contributionMapsAddUpToTheScores() {
        ImageInput img = test.image(0);
        Classification c = service.explain(model, img);
        float[][] maps = c.contributions();
        assertEquals(10, maps.length);
        float[] bias = model.bias();
        for (int k = 0; k < 10; k++) {
            assertEquals(ImageInput.PIXELS, maps[k].length);
            double sum = 0;
            for (float v : maps[k]) {
                sum += v;
            }
            assertEquals(c.scores()[k] - bias[k], sum, 1e-3, "class " + k);
        }
        assertEquals(0, service.classify(model, img).contributions().length);
    }

    @Test
    void uploadedImagesAreDecodedAndClassified() throws Exception {
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                img.setRGB(x, y, (x * 255 / 640) << 16 | (y * 255 / 480) << 8 | 90);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        Classification c = service.classify(model, service.decodeImage(png.toByteArray()));
        assertEquals(10, c.probabilities().length);
        MlException e = assertThrows(MlException.class, () -> service.decodeImage("not an image".getBytes()));
        assertEquals("ml.error.notAnImage", e.messageKey());
    }
}
