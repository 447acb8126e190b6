package io.lecturelab.ml;

/** Receives a job's progress events, in order, on the worker thread; keep it quick and do not block. */
@FunctionalInterface
public interface TrainingListener {

    void onProgress(TrainingProgress progress);

    static TrainingListener none() {
        return progress -> { };
    }
}
