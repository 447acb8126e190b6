package io.lecturelab.ml.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.NeedsCifar10;
import io.lecturelab.ml.TrainingHandle;
import io.lecturelab.ml.TrainingListener;
import io.lecturelab.ml.TrainingProgress;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jobs trained together on one pass over the data: each gets the result it gets alone. The engine's matrix
 * products round differently for different shapes (a group's product is wider), so "the same" is stated as a
 * tolerance: every weight and bias within {@link #TOLERANCE} × the largest |W| of the job, and the test accuracy
 * within {@link #ACCURACY_IMAGES} test images. The observed differences are printed.
 */
@NeedsCifar10
class GroupTrainingTest {

    /** Relative to the job's largest |W|; observed: 4.4e-7 (float32 rounding of differently shaped products). */
    static final double TOLERANCE = 1e-5;
    /** Test images whose class may flip between alone and grouped (of 2,000 cat/dog test images). */
    static final int ACCURACY_IMAGES = 2;

    private static DjlClassifierService service;
    private static final TrainingRequest BASE = TrainingRequest.defaults().withEpochs(2);

    @BeforeAll
    static void start() {
        service = new DjlClassifierService(MlTestData.settings(2));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** Settings that differ in everything a group allows to differ. */
    private static List<TrainingRequest> varied(int count) {
        List<TrainingRequest> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(BASE.withSeed(100 + i).withLearningRate(0.005 + 0.01 * (i % 5))
                    .withL2Strength(i % 3 == 0 ? 0 : 0.001 * i).withBias(i % 4 != 1)
                    .withProgressEverySteps(1 + i % 7));
        }
        return out;
    }

    @Test
    void eachJobOfAGroupGetsTheResultItGetsAlone() throws Exception {
        List<TrainingRequest> requests = varied(9);
        List<TrainingResult> alone = new ArrayList<>();
        for (TrainingRequest r : requests.subList(0, 3)) {
            alone.add(service.train(r, null).result().get());
        }
        List<TrainingResult> inNine = results(service.trainTogether(requests, nulls(requests.size())));
        // the same three in another group, in another order, with other companions
        List<TrainingRequest> other = new ArrayList<>(varied(14).subList(9, 14));
        other.add(2, requests.get(1));
        other.add(0, requests.get(2));
        other.add(requests.get(0));
        List<TrainingResult> inEight = results(service.trainTogether(other, nulls(other.size())));

        double worst = 0;
        for (int i = 0; i < 3; i++) {
            worst = Math.max(worst, assertSame(alone.get(i), inNine.get(i), "job " + i + " in a group of 9"));
        }
        worst = Math.max(worst, assertSame(alone.get(0), inEight.get(7), "job 0 in a group of 8"));
        worst = Math.max(worst, assertSame(alone.get(1), inEight.get(3), "job 1 in a group of 8"));
        worst = Math.max(worst, assertSame(alone.get(2), inEight.get(0), "job 2 in a group of 8"));
        System.out.printf("alone vs grouped: largest |ΔW| / max |W| = %.2g (tolerance %.0g)%n", worst, TOLERANCE);
        // and the companions really trained differently
        assertTrue(inNine.get(3).finalTestAccuracy() != inNine.get(4).finalTestAccuracy()
                || inNine.get(3).weights()[0] != inNine.get(4).weights()[0]);
    }

    @Test
    void cancellingOneJobLeavesTheOthersRunningToTheirOwnResults() throws Exception {
        List<TrainingRequest> requests = varied(4).stream().map(r -> r.withEpochs(3)).toList();
        CountDownLatch underway = new CountDownLatch(1);
        List<TrainingListener> listeners = new ArrayList<>(nulls(4));
        listeners.set(1, p -> {
            if (p.epoch() == 1 && p.step() >= 5) {
                underway.countDown();
            }
        });
        List<TrainingHandle> handles = service.trainTogether(requests, listeners);
        assertTrue(underway.await(60, TimeUnit.SECONDS));
        handles.get(1).cancel();
        assertThrows(CancellationException.class, () -> handles.get(1).result().get());
        for (int i : new int[] {0, 2, 3}) {
            TrainingResult grouped = handles.get(i).result().get(120, TimeUnit.SECONDS);
            assertEquals(3, grouped.epochs().size());
            assertSame(service.train(requests.get(i), null).result().get(), grouped, "job " + i + " after the cancel");
        }
    }

    @Test
    void eachJobGetsItsOwnProgressEvents() throws Exception {
        List<TrainingRequest> requests = List.of(BASE.withEpochs(1).withProgressEverySteps(4),
                BASE.withEpochs(1).withProgressEverySteps(10).withSeed(9).withClasses(ClassSet.CAT_VS_DOG));
        List<List<TrainingProgress>> events = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        List<TrainingHandle> handles = service.trainTogether(requests, List.of(events.get(0)::add, events.get(1)::add));
        List<TrainingResult> results = results(handles);
        int steps = (10_000 + 255) / 256;
        assertEquals((steps - 1) / 4 + 1, events.get(0).size());
        assertEquals((steps - 1) / 10 + 1, events.get(1).size());
        for (int j = 0; j < 2; j++) {
            TrainingProgress last = events.get(j).get(events.get(j).size() - 1);
            assertEquals(handles.get(j).jobId(), last.jobId());
            assertTrue(last.epochEnd());
            assertEquals(2 * ImageInput.VALUES, last.weights().length);
            assertEquals(results.get(j).finalTestAccuracy(), last.testAccuracy());
            for (int i = 0; i < last.weights().length; i++) {
                assertEquals(results.get(j).weights()[i], last.weights()[i], "weight " + i + " of job " + j);
            }
        }
    }

    @Test
    void jobsThatCannotShareAPassAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> service.trainTogether(
                List.of(BASE, BASE.withBatchSize(128)), nulls(2)));
        assertThrows(IllegalArgumentException.class, () -> service.trainTogether(
                List.of(BASE, BASE.withClasses(ClassSet.ALL_TEN)), nulls(2)));
        assertThrows(IllegalArgumentException.class, () -> service.trainTogether(
                List.of(BASE, BASE.withEpochs(3)), nulls(2)));
    }

    private static List<TrainingListener> nulls(int n) {
        return Collections.nCopies(n, null);
    }

    private static List<TrainingResult> results(List<TrainingHandle> handles) throws Exception {
        List<TrainingResult> out = new ArrayList<>();
        for (TrainingHandle h : handles) {
            out.add(h.result().get(120, TimeUnit.SECONDS));
        }
        return out;
    }

    /** Asserts two results of the same request agree within the tolerance; returns max |ΔW| / max |W|. */
    static double assertSame(TrainingResult expected, TrainingResult actual, String what) {
        assertEquals(expected.request(), actual.request(), what);
        double maxAbs = 0;
        double maxDiff = 0;
        for (int i = 0; i < expected.weights().length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(expected.weights()[i]));
            maxDiff = Math.max(maxDiff, Math.abs(expected.weights()[i] - actual.weights()[i]));
        }
        for (int k = 0; k < expected.bias().length; k++) {
            maxDiff = Math.max(maxDiff, Math.abs(expected.bias()[k] - actual.bias()[k]));
        }
        double relative = maxDiff / maxAbs;
        assertTrue(relative <= TOLERANCE, what + ": max |ΔW| " + maxDiff + " against max |W| " + maxAbs);
        for (int e = 0; e < expected.epochs().size(); e++) {
            assertEquals(expected.epochs().get(e).testAccuracy(), actual.epochs().get(e).testAccuracy(),
                    ACCURACY_IMAGES / 2000.0 + 1e-12, what + ", epoch " + (e + 1));
        }
        return relative;
    }
}
