package io.lecturelab.lab;

import io.lecturelab.ml.TrainingProgress;
import io.lecturelab.ml.queue.CurvePoint;
import io.lecturelab.ml.queue.JobEvents;
import io.lecturelab.ml.queue.JobListener;
import io.lecturelab.ml.queue.JobStatus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runs that train in this process, as they train: each run's curve and latest weights are kept once here and
 * read by every view that shows the run (the student's tab, the class view), never copied per view. Watchers are
 * called at most {@link #TICKS_PER_SECOND} times a second, only when their run changed, and once a second in any
 * case so that views of runs queued or training on another server can read the stored state.
 */
@ApplicationScoped
public class LiveRuns implements JobListener {

    public static final int TICKS_PER_SECOND = 4;
    /** How long a finished run stays here, for views that have not caught up yet. */
    static final Duration KEEP_FINISHED = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(LiveRuns.class.getName());

    private final JobEvents events;
    private final Map<Long, Live> runs = new ConcurrentHashMap<>();
    private final Map<Long, CopyOnWriteArrayList<Watcher>> watchers = new ConcurrentHashMap<>();
    private final AtomicLong notifications = new AtomicLong();
    private ScheduledExecutorService ticker;
    private AutoCloseable subscription;
    private long ticks;

    LiveRuns(JobEvents events) {
        this.events = events;
    }

    /** What a view reads: points from an index on, and the latest weights. */
    public record Snapshot(long runId, int points, long weightsVersion, boolean finished, Live run) {

        /** Points {@code from} (0-based) up to this snapshot's count. */
        public List<CurvePoint> pointsFrom(int from) {
            return run.pointsBetween(from, points);
        }

        public Optional<float[]> weights() {
            return Optional.ofNullable(run.weights);
        }
    }

    /** One run's live state (append-only curve, latest weights). */
    public static final class Live {
        private CurvePoint[] points = new CurvePoint[64];
        private int count;
        private volatile float[] weights;
        private long weightsVersion;
        private long version;
        private boolean finished;
        private long finishedAtNanos;

        synchronized void add(CurvePoint point, float[] w) {
            if (count == points.length) {
                points = Arrays.copyOf(points, count * 2);
            }
            points[count++] = point;
            if (w.length > 0) {
                weights = w;
                weightsVersion++;
            }
            version++;
        }

        synchronized void finish() {
            finished = true;
            finishedAtNanos = System.nanoTime();
            version++;
        }

        synchronized List<CurvePoint> pointsBetween(int from, int to) {
            return from >= to ? List.of() : List.of(Arrays.copyOfRange(points, Math.max(0, from), to));
        }

        synchronized Snapshot snapshot(long runId) {
            return new Snapshot(runId, count, weightsVersion, finished, this);
        }

        synchronized long version() {
            return version;
        }
    }

    private record Watcher(Runnable onChange, long[] seenVersion) {
    }

    void onStart(@Observes StartupEvent event) {
        subscription = events.listen(this);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("lab-live-runs").unstarted(r));
        long period = 1000 / TICKS_PER_SECOND;
        ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        try {
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the job subscription failed", e);
        }
    }

    @Override
    public void onProgress(long jobId, TrainingProgress progress) {
        runs.computeIfAbsent(jobId, id -> new Live()).add(CurvePoint.of(progress), progress.weights());
    }

    @Override
    public void onFinished(long jobId, JobStatus status) {
        Live live = runs.get(jobId);
        if (live != null) {
            live.finish();
        }
    }

    /** The run's live state while it trains in this process (and shortly after). */
    public Optional<Snapshot> snapshot(long runId) {
        Live live = runs.get(runId);
        return live == null ? Optional.empty() : Optional.of(live.snapshot(runId));
    }

    /**
     * Calls {@code onChange} (on the ticker thread; hand it to the UI with {@code ui.access}) when the run changed,
     * at most {@link #TICKS_PER_SECOND} times a second, and once a second in any case. Close the handle to stop.
     */
    public AutoCloseable watch(long runId, Runnable onChange) {
        Watcher watcher = new Watcher(onChange, new long[] {-1});
        watchers.computeIfAbsent(runId, id -> new CopyOnWriteArrayList<>()).add(watcher);
        return () -> watchers.computeIfPresent(runId, (id, list) -> {
            list.remove(watcher);
            return list.isEmpty() ? null : list;
        });
    }

    /** Notifications sent to watchers so far (the benchmark divides it by views and seconds). */
    public long notifications() {
        return notifications.get();
    }

    void tick() {
        try {
            boolean everySecond = ticks++ % TICKS_PER_SECOND == 0;
            for (Map.Entry<Long, CopyOnWriteArrayList<Watcher>> entry : watchers.entrySet()) {
                Live live = runs.get(entry.getKey());
                long version = live == null ? -1 : live.version();
                for (Watcher w : entry.getValue()) {
                    if (version != w.seenVersion[0] || everySecond) {
                        w.seenVersion[0] = version;
                        notifications.incrementAndGet();
                        w.onChange.run();
                    }
                }
            }
            long now = System.nanoTime();
            runs.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return e.getValue().finished && now - e.getValue().finishedAtNanos > KEEP_FINISHED.toNanos();
                }
            });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "notifying lab views failed", e);
        }
    }

    /** Runs kept here now (for tests and the benchmark). */
    int size() {
        return runs.size();
    }
}
