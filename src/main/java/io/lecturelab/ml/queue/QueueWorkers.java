package io.lecturelab.ml.queue;

import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.ml.ClassifierService;
import io.lecturelab.ml.InProcess;
import io.lecturelab.ml.MlException;
import io.lecturelab.ml.TrainingHandle;
import io.lecturelab.ml.TrainingProgress;
import io.lecturelab.ml.TrainingResult;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This server's training worker threads. Each claims one job at a time from the shared queue, trains it on the
 * in-process engine (which interleaves the jobs of all workers), heartbeats its lease with the latest progress,
 * and finishes the job only while it still holds the lease. Started at start-up unless the server's role is
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

    /** Starts {@code count} more worker threads. */
    public synchronized void start(int count) {
        stopping = false;
        for (int i = 0; i < count; i++) {
            String id = host + "/" + UUID.randomUUID();
            Thread t = Thread.ofPlatform().daemon().name("ml-queue-worker-" + threads.size())
                    .start(() -> loop(id));
            threads.add(t);
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
    }

    private void loop(String workerId) {
        long poll = config.queue().poll().toMillis();
        while (!stopping) {
            try {
                Optional<Claim> claim = queue.claim(workerId);
                if (claim.isPresent()) {
                    run(claim.get());
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

    /** Trains one claimed job to its end (or until cancelled or the lease is lost). */
    void run(Claim claim) throws InterruptedException {
        AtomicReference<TrainingProgress> latest = new AtomicReference<>();
        List<CurvePoint> curve = java.util.Collections.synchronizedList(new ArrayList<>());
        TrainingHandle handle;
        try {
            handle = engine.train(claim.request(), p -> {
                curve.add(CurvePoint.of(p));
                latest.set(p);
                events.progress(claim.jobId(), p);
            });
        } catch (MlException e) {
            queue.fail(claim, e.messageKey(), e.getMessage());
            events.finished(claim.jobId(), JobStatus.FAILED);
            return;
        }
        events.started(claim.jobId(), handle);
        // a cancel that came between the claim and now found no running handle to stop: it is only in the row
        if (queue.heartbeat(claim) == TrainingQueue.Beat.CANCEL) {
            handle.cancel();
        }
        long beatMillis = Math.max(50, queue.lease().toMillis() / 3);
        JobStatus end;
        try {
            end = await(claim, handle, latest, curve, beatMillis);
        } catch (InterruptedException e) {
            handle.cancel(); // shutting down: the lease runs out and another worker takes the job over
            events.finished(claim.jobId(), JobStatus.RUNNING);
            throw e;
        }
        events.finished(claim.jobId(), end);
    }

    private JobStatus await(Claim claim, TrainingHandle handle, AtomicReference<TrainingProgress> latest,
                            List<CurvePoint> curve, long beatMillis) throws InterruptedException {
        while (true) {
            TrainingResult result;
            try {
                result = handle.result().get(beatMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                TrainingQueue.Beat beat = queue.heartbeat(claim, latest.get(), copy(curve));
                if (beat == TrainingQueue.Beat.LOST) {
                    handle.cancel();
                    return JobStatus.RUNNING; // someone else has it now
                }
                if (beat == TrainingQueue.Beat.CANCEL) {
                    handle.cancel();
                }
                continue;
            } catch (CancellationException e) {
                return cancelled(claim);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof CancellationException) {
                    return cancelled(claim);
                }
                String key = cause instanceof MlException ml ? ml.messageKey() : "ml.error.training";
                queue.fail(claim, key, String.valueOf(cause.getMessage()));
                return JobStatus.FAILED;
            }
            if (latest.get() != null) {
                queue.heartbeat(claim, latest.get(), copy(curve));
            }
            try {
                queue.complete(claim, result, copy(curve));
                return JobStatus.SUCCEEDED;
            } catch (TrainingQueue.LeaseLostException e) {
                LOG.log(System.Logger.Level.INFO, e.getMessage());
                return JobStatus.RUNNING;
            }
        }
    }

    private static List<CurvePoint> copy(List<CurvePoint> curve) {
        synchronized (curve) {
            return List.copyOf(curve);
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
