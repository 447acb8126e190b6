package io.lecturelab.ml.queue;

import io.lecturelab.base.AfterCommit;
import io.lecturelab.ml.TrainingHandle;
import io.lecturelab.ml.TrainingProgress;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

/**
 * What happens to jobs inside this process: wakes idle workers after a submit commits, stops a locally running job
 * at once when its owner cancels, and hands progress to {@link JobListener}s.
 */
@ApplicationScoped
public class JobEvents {

    private final AfterCommit afterCommit;
    private final Semaphore work = new Semaphore(0);
    private final Map<Long, TrainingHandle> running = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<JobListener> listeners = new CopyOnWriteArrayList<>();

    JobEvents(AfterCommit afterCommit) {
        this.afterCommit = afterCommit;
    }

    /** Adds a listener; close the returned handle to remove it. */
    public AutoCloseable listen(JobListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void submitted() {
        afterCommit(() -> work.release());
    }

    void cancelRequested(long jobId) {
        afterCommit(() -> {
            TrainingHandle h = running.get(jobId);
            if (h != null) {
                h.cancel();
            }
        });
    }

    /** Waits up to {@code millis} for a submit in this process. */
    void awaitWork(long millis) throws InterruptedException {
        work.tryAcquire(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        work.drainPermits();
    }

    void wakeAll() {
        work.release(1024);
    }

    void started(long jobId, TrainingHandle handle) {
        running.put(jobId, handle);
    }

    void progress(long jobId, TrainingProgress progress) {
        for (JobListener l : listeners) {
            try {
                l.onProgress(jobId, progress);
            } catch (RuntimeException e) {
                System.getLogger(JobEvents.class.getName()).log(System.Logger.Level.WARNING,
                        "job listener failed", e);
            }
        }
    }

    void finished(long jobId, JobStatus status) {
        running.remove(jobId);
        for (JobListener l : listeners) {
            try {
                l.onFinished(jobId, status);
            } catch (RuntimeException e) {
                System.getLogger(JobEvents.class.getName()).log(System.Logger.Level.WARNING,
                        "job listener failed", e);
            }
        }
    }

    private void afterCommit(Runnable action) {
        afterCommit.run(action);
    }
}
