package io.lecturelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.lecturelab.ml.TrainingProgress;
import io.lecturelab.ml.queue.JobStatus;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The live state of runs: one copy per run, watchers told only of changes (and once a second), deltas only. */
class LiveRunsTest {

    private final LiveRuns live = new LiveRuns(null);

    @Test
    void a_watcher_hears_of_a_change_once_and_of_no_change_only_once_a_second() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        live.tick(); // tick 0: the once-a-second tick
        try (AutoCloseable handle = live.watch(7, calls::incrementAndGet)) {
            live.onProgress(7, progress(10));
            live.onProgress(7, progress(20)); // two events between ticks make one notification
            live.tick();
            live.tick();
            live.tick();
            assertThat(calls).hasValue(1);
            live.tick(); // a second has passed: told again, so a view of a waiting run can read its place
            assertThat(calls).hasValue(2);
        }
        live.onProgress(7, progress(30));
        live.tick();
        assertThat(calls).hasValue(2); // closed
    }

    @Test
    void every_view_reads_the_same_curve_and_gets_only_the_points_it_lacks() {
        live.onProgress(3, progress(10));
        live.onProgress(3, progress(20));
        LiveRuns.Snapshot first = live.snapshot(3).orElseThrow();
        live.onProgress(3, progress(30));
        LiveRuns.Snapshot second = live.snapshot(3).orElseThrow();

        assertThat(first.run()).isSameAs(second.run());
        assertThat(first.points()).isEqualTo(2);
        assertThat(second.pointsFrom(2)).hasSize(1);
        assertThat(second.pointsFrom(2).get(0).epochsDone()).isEqualTo(0.75);
        assertThat(first.pointsFrom(0)).hasSize(2); // a snapshot keeps its own end
        assertThat(second.weights().orElseThrow()).hasSize(2 * 3072);
        assertThat(second.weightsVersion()).isEqualTo(3);
    }

    @Test
    void a_finished_run_is_marked_and_an_unknown_run_has_no_live_state() {
        live.onProgress(5, progress(40));
        live.onFinished(5, JobStatus.SUCCEEDED);
        assertThat(live.snapshot(5).orElseThrow().finished()).isTrue();
        assertThat(live.snapshot(6)).isEmpty();
    }

    private static TrainingProgress progress(int step) {
        return new TrainingProgress("job", 1, step, 40, 0.69, 0.5, Double.NaN, 1000, step == 40,
                new float[2 * 3072]);
    }
}
