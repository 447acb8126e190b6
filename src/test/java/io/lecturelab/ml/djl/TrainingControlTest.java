package io.lecturelab.ml.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lecturelab.ml.InvalidSettingException;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.NeedsCifar10;
import io.lecturelab.ml.TrainingHandle;
import io.lecturelab.ml.TrainingProgress;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@NeedsCifar10
class TrainingControlTest {

    private static DjlClassifierService service;

    @BeforeAll
    static void start() {
        service = new DjlClassifierService(MlTestData.settings(2));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void progressEventsArriveInOrderWithTestAccuracyAtEpochEnds() throws Exception {
        List<TrainingProgress> events = new CopyOnWriteArrayList<>();
        TrainingRequest request = TrainingRequest.defaults().withEpochs(2).withProgressEverySteps(5);
        TrainingResult result = service.train(request, events::add).result().get();
        int stepsPerEpoch = (10_000 + 255) / 256;
        assertEquals(stepsPerEpoch, events.get(0).stepsPerEpoch());
        int perEpoch = (stepsPerEpoch - 1) / 5 + 1;
        assertEquals(2 * perEpoch, events.size(), "events: " + events);
        for (int i = 1; i < events.size(); i++) {
            TrainingProgress prev = events.get(i - 1);
            TrainingProgress cur = events.get(i);
            assertTrue(cur.epoch() > prev.epoch() || (cur.epoch() == prev.epoch() && cur.step() > prev.step()),
                    prev + " then " + cur);
        }
        for (TrainingProgress p : events) {
            assertEquals(p.epochEnd(), !Double.isNaN(p.testAccuracy()), p.toString());
            assertTrue(Double.isFinite(p.loss()) && p.loss() > 0, p.toString());
            assertTrue(p.imagesPerSecond() > 0, p.toString());
            assertEquals(p.epochEnd(), p.step() == stepsPerEpoch, p.toString());
        }
        assertEquals(2, result.epochs().size());
        assertEquals(events.get(events.size() - 1).testAccuracy(), result.finalTestAccuracy());
    }

    @Test
    void cancellationStopsAJobMidEpoch() throws Exception {
        List<TrainingProgress> events = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        TrainingRequest request = TrainingRequest.defaults().withEpochs(50).withProgressEverySteps(1);
        TrainingHandle handle = service.train(request, p -> {
            events.add(p);
            if (p.step() >= 3) {
                started.countDown();
            }
        });
        assertTrue(started.await(60, TimeUnit.SECONDS));
        handle.cancel();
        int atCancel = events.size();
        assertThrows(CancellationException.class, () -> handle.result().get());
        assertTrue(handle.isCancelled());
        Thread.sleep(300);
        assertTrue(events.size() <= atCancel + 1, "at most the step in flight reports after cancel: "
                + atCancel + " -> " + events.size());
        TrainingProgress last = events.get(events.size() - 1);
        assertEquals(1, last.epoch(), "stopped within the first epoch");
        assertFalse(last.epochEnd());
    }

    @Test
    void invalidSettingsCarryAMessageKey() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> TrainingRequest.defaults().withLearningRate(-1));
        assertEquals("ml.error.learningRate", e.messageKey());
        assertTrue(e.getMessage().startsWith("ml.error.learningRate:"));
        assertEquals("ml.error.batchSize", assertThrows(InvalidSettingException.class,
                () -> TrainingRequest.defaults().withBatchSize(0)).messageKey());
        assertEquals("ml.error.epochs", assertThrows(InvalidSettingException.class,
                () -> TrainingRequest.defaults().withEpochs(0)).messageKey());
        assertEquals("ml.error.l2Strength", assertThrows(InvalidSettingException.class,
                () -> TrainingRequest.defaults().withL2Strength(Double.NaN)).messageKey());
    }
}
