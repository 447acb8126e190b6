package io.lecturelab.ml.queue;

import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.ml.ClassifierService;
import io.lecturelab.ml.InProcess;
import io.lecturelab.ml.MlException;
import io.lecturelab.ml.TrainingHandle;
import io.lecturelab.ml.TrainingListener;
import io.lecturelab.ml.TrainingProgress;
import io.lecturelab.ml.TrainingResult;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This server's training worker threads. Each claims a group of jobs that can share a pass over the data from the
 * shared queue (up to {@code lecturelab.ml.queue.group-size}), trains them together on the in-process engine
 * (which interleaves the groups of all workers), heartbeats each job's lease with its latest progress, and
 * finishes each job only while it still holds that job's lease. Started at start-up unless the server's role is
 * {@code web} or {@code lecturelab.ml.queue.workers=0}.
 */
@ApplicationScoped
public class QueueWorkers {

    private static final System.Logger LOG = System.getLogger(QueueWorkers.class.getName());

    private final TrainingQueue queue;
    private final JobEvents events;
    private final ClassifierService engine;
    private final LectureLabConfig.Ml config;
    private final String host = hostName();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    /** Worker threads started and not stopped (read by the workers without the lock). */
    private volatile int started;
    /** Worker threads training now. */
    private final AtomicInteger busy = new AtomicInteger();

    QueueWorkers(TrainingQueue queue, JobEvents events, @InProcess ClassifierService engine,
                 LectureLabConfig config) {
        this.queue = queue;
        this.events = events;
        this.engine = engine;
        this.config = config.ml();
    }

    void onStart(@Observes StartupEvent event) {
        if (config.role().runsWorkers()) {
            start(config.queue().workers().orElse(Runtime.getRuntime().availableProcessors()));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts {@code count} more worker threads, each training up to the configured group size at once. */
    public synchronized void start(int count) {
        start(count, config.queue().groupSize());
    }

    /** Starts {@code count} more worker threads, each training up to {@code groupSize} jobs at once. */
    public synchronized void start(int count, int groupSize) {
        stopping = false;
        for (int i = 0; i < count; i++) {
            String id = host + "/" + UUID.randomUUID();
            Thread t = Thread.ofPlatform().daemon().name("ml-queue-worker-" + threads.size())
                    .start(() -> loop(id, groupSize));
            threads.add(t);
            started = threads.size();
        }
    }

    public synchronized int running() {
        return (int) threads.stream().filter(Thread::isAlive).count();
    }

    /** Stops all workers; jobs they were training stay RUNNING until their lease expires and another worker takes them. */
    public synchronized void stop() {
        stopping = true;
        events.wakeAll();
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
        started = 0;
    }

    private void loop(String workerId, int groupSize) {
        long poll = config.queue().poll().toMillis();
        while (!stopping) {
            try {
                // this worker and the others that wait share what waits now
                List<Claim> claims = queue.claim(workerId, groupSize, Math.max(1, started - busy.get()));
                if (!claims.isEmpty()) {
                    busy.incrementAndGet();
                    try {
                        run(claims);
                    } finally {
                        busy.decrementAndGet();
                    }
                } else {
                    events.awaitWork(poll);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "training worker " + workerId + " failed; retrying", e);
                try {
                    Thread.sleep(poll);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** One claimed job while its group trains. */
    private static final class Running {
        final Claim claim;
        final AtomicReference<TrainingProgress> latest = new AtomicReference<>();
        final List<CurvePoint> curve = Collections.synchronizedList(new ArrayList<>());
        TrainingHandle handle;
        /** Another worker holds the job now: stop without touching its row. */
        boolean lost;

        Running(Claim claim) {
            this.claim = claim;
        }

        List<CurvePoint> curve() {
            synchronized (curve) {
                return List.copyOf(curve);
            }
        }
    }

    /** Trains one claimed job to its end (or until cancelled or the lease is lost). */
    void run(Claim claim) throws InterruptedException {
        run(List.of(claim));
    }

    /**
     * Trains claimed jobs together (they share a pass over the data) until each has ended, been cancelled or lost
     * its lease; every job heartbeats, finishes and stores its model on its own.
     */
    void run(List<Claim> claims) throws InterruptedException {
        List<Running> runs = claims.stream().map(Running::new).toList();
        List<TrainingListener> listeners = runs.stream().<TrainingListener>map(r -> p -> {
            r.curve.add(CurvePoint.of(p));
            r.latest.set(p);
            events.progress(r.claim.jobId(), p);
        }).toList();
        List<TrainingHandle> handles;
        try {
            handles = engine.trainTogether(claims.stream().map(Claim::request).toList(), listeners);
        } catch (MlException e) {
            for (Running r : runs) {
                queue.fail(r.claim, e.messageKey(), e.getMessage());
                events.finished(r.claim.jobId(), JobStatus.FAILED);
            }
            return;
        }
        for (int i = 0; i < runs.size(); i++) {
            Running r = runs.get(i);
            r.handle = handles.get(i);
            events.started(r.claim.jobId(), r.handle);
            // a cancel that came between the claim and now found no running handle to stop: it is only in the row
            if (queue.heartbeat(r.claim) == TrainingQueue.Beat.CANCEL) {
                r.handle.cancel();
            }
        }
        long beatNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(50, queue.lease().toMillis() / 3));
        List<Running> open = new ArrayList<>(runs);
        long nextBeat = System.nanoTime() + beatNanos;
        try {
            while (!open.isEmpty()) {
                CompletableFuture<?> any = CompletableFuture.anyOf(
                        open.stream().map(r -> r.handle.result()).toArray(CompletableFuture[]::new));
                try {
                    any.get(Math.max(0, nextBeat - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    open.forEach(this::beat);
                    nextBeat = System.nanoTime() + beatNanos;
                } catch (ExecutionException | CancellationException e) {
                    // one of them ended badly: settled below
                }
                for (var it = open.iterator(); it.hasNext(); ) {
                    Running r = it.next();
                    if (r.handle.result().isDone()) {
                        events.finished(r.claim.jobId(), settle(r));
                        it.remove();
                    }
                }
            }
        } catch (InterruptedException e) {
            for (Running r : open) {
                r.handle.cancel(); // shutting down: the lease runs out and another worker takes the job over
                events.finished(r.claim.jobId(), JobStatus.RUNNING);
            }
            throw e;
        }
    }

    private void beat(Running r) {
        TrainingQueue.Beat beat = queue.heartbeat(r.claim, r.latest.get(), r.curve());
        if (beat == TrainingQueue.Beat.LOST) {
            r.lost = true; // someone else has it now
            r.handle.cancel();
        } else if (beat == TrainingQueue.Beat.CANCEL) {
            r.handle.cancel();
        }
    }

    /** Records how a job whose training has ended went; returns its status as this worker left it. */
    private JobStatus settle(Running r) {
        if (r.lost) {
            return JobStatus.RUNNING;
        }
        TrainingResult result;
        try {
            result = r.handle.result().get();
        } catch (CancellationException e) {
            return cancelled(r.claim);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JobStatus.RUNNING;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CancellationException) {
                return cancelled(r.claim);
            }
            String key = cause instanceof MlException ml ? ml.messageKey() : "ml.error.training";
            queue.fail(r.claim, key, String.valueOf(cause.getMessage()));
            return JobStatus.FAILED;
        }
        if (r.latest.get() != null) {
            queue.heartbeat(r.claim, r.latest.get(), r.curve());
        }
        try {
            queue.complete(r.claim, result, r.curve());
            return JobStatus.SUCCEEDED;
        } catch (TrainingQueue.LeaseLostException e) {
            LOG.log(System.Logger.Level.INFO, e.getMessage());
            return JobStatus.RUNNING;
        }
    }

    private JobStatus cancelled(Claim claim) {
        return queue.finishCancelled(claim) ? JobStatus.CANCELLED : JobStatus.RUNNING;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "worker";
        }
    }
}
