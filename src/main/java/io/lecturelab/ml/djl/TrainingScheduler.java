package io.lecturelab.ml.djl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A fixed pool of workers sharing one FIFO queue of jobs. A worker takes the job at the head, runs one slice of
 * it ({@code sliceSteps} steps) and puts it back at the tail unless it is finished: round-robin, so with more
 * jobs than workers every job advances at the same pace and none waits for all the others to finish.
 */
final class TrainingScheduler implements AutoCloseable {

    private final LinkedBlockingQueue<TrainingJob> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final int sliceSteps;
    private volatile boolean closed;

    TrainingScheduler(int workerCount, int sliceSteps) {
        this.sliceSteps = sliceSteps;
        for (int i = 0; i < workerCount; i++) {
            Thread t = new Thread(this::work, "ml-training-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    void submit(TrainingJob job) {
        if (closed) {
            throw new IllegalStateException("the classifier service is closed");
        }
        queue.add(job);
    }

    int queued() {
        return queue.size();
    }

    private void work() {
        while (!closed) {
            TrainingJob job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            boolean more = job.runSlice(sliceSteps);
            if (more) {
                if (closed) {
                    job.abort();
                } else {
                    queue.add(job);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        for (Thread t : workers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        TrainingJob job;
        while ((job = queue.poll()) != null) {
            job.abort();
        }
    }
}
