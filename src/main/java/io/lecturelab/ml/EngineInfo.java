package io.lecturelab.ml;

/**
 * What runs the models.
 *
 * @param engine          engine name and version
 * @param device          device used
 * @param intraOpThreads  threads one engine operation may use
 * @param trainingWorkers jobs that run at the same time
 */
public record EngineInfo(String engine, String device, int intraOpThreads, int trainingWorkers) {
}
