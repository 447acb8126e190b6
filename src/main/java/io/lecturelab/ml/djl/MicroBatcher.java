package io.lecturelab.ml.djl;

import io.lecturelab.ml.Classification;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Collects concurrent single-image requests into one engine call, without a thread of its own. Each caller
 * queues its request; a caller that gets one of the {@code leaders} permits (one per core the engine may use)
 * drains the queue (up to {@code maxBatch}), runs one engine call for all of them and hands out the answers, and
 * repeats until its own request is answered. Requests that arrive while the engine is busy therefore form the
 * next batch, and a busy server keeps every core on engine calls of many requests each. When the previous batch held more than one
 * request (callers are arriving concurrently), the leader waits up to {@code maxWaitNanos} for the batch to
 * fill; a lone caller (previous batch of one) never waits.
 */
final class MicroBatcher {

    private static final class Request {
        final float[] input;
        final Thread caller = Thread.currentThread();
        volatile Classification result;
        volatile RuntimeException error;

        Request(float[] input) {
            this.input = input;
        }

        boolean done() {
            return result != null || error != null;
        }
    }

    private final Function<List<float[]>, List<Classification>> engine;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final ConcurrentLinkedQueue<Request> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger announced = new AtomicInteger();
    private final Semaphore leaders;
    private volatile int lastBatchSize;

    MicroBatcher(Function<List<float[]>, List<Classification>> engine, int leaders, int maxBatch, long maxWaitNanos) {
        this.engine = engine;
        this.leaders = new Semaphore(leaders);
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWaitNanos;
    }

    Classification submit(float[] input) {
        Request r = new Request(input);
        announced.incrementAndGet();
        queue.add(r);
        while (!r.done()) {
            if (leaders.tryAcquire()) {
                try {
                    // answer our own request, then keep draining a little while so that a busy queue is not
                    // handed over (a thread wake-up) after every batch
                    int extra = 0;
                    while (!r.done() || (!queue.isEmpty() && extra++ < 8)) {
                        runBatch();
                    }
                } finally {
                    leaders.release();
                }
                Request next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.caller);
                }
            } else {
                // the leader unparks us when our answer is ready, or when it leaves with requests still
                // queued; the timeout only covers the race where it left just before we queued
                LockSupport.parkNanos(this, 1_000_000);
            }
        }
        if (r.error != null) {
            throw r.error;
        }
        return r.result;
    }

    private void runBatch() {
        List<Request> batch = new ArrayList<>(Math.min(maxBatch, 16));
        long deadline = System.nanoTime() + maxWaitNanos;
        while (batch.size() < maxBatch) {
            Request q = queue.poll();
            if (q != null) {
                announced.decrementAndGet();
                batch.add(q);
            } else if (announced.get() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // a caller is between announcing and queueing: nanoseconds
            } else if (lastBatchSize > 1 && batch.size() < lastBatchSize && System.nanoTime() < deadline) {
                LockSupport.parkNanos(20_000); // callers are arriving concurrently: give them the CPU to queue
            } else {
                break;
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        lastBatchSize = batch.size();
        List<float[]> inputs = new ArrayList<>(batch.size());
        for (Request q : batch) {
            inputs.add(q.input);
        }
        try {
            List<Classification> results = engine.apply(inputs);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result = results.get(i);
            }
        } catch (RuntimeException e) {
            for (Request q : batch) {
                q.error = e;
            }
        }
        Thread self = Thread.currentThread();
        for (Request q : batch) {
            if (q.caller != self) {
                LockSupport.unpark(q.caller);
            }
        }
    }
}
