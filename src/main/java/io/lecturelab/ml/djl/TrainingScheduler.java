package io.lecturelab.ml.djl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A fixed pool of workers sharing one FIFO queue of training groups. A worker takes the group at the head, runs one
 * slice of it ({@code sliceSteps} steps) and puts it back at the tail unless it is finished: round-robin, so with
 * more groups than workers every group advances at the same pace and none waits for all the others to finish.
 */
final class TrainingScheduler implements AutoCloseable {

    private final LinkedBlockingQueue<TrainingGroup> queue = new LinkedBlockingQueue<>();
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

    void submit(TrainingGroup group) {
        if (closed) {
            throw new IllegalStateException("the classifier service is closed");
        }
        queue.add(group);
    }

    int queued() {
        return queue.size();
    }

    private void work() {
        while (!closed) {
            TrainingGroup group;
            try {
                group = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            boolean more = group.runSlice(sliceSteps);
            if (more) {
                if (closed) {
                    group.abort();
                } else {
                    queue.add(group);
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
        TrainingGroup group;
        while ((group = queue.poll()) != null) {
            group.abort();
        }
    }
}
