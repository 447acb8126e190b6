package io.lecturelab.ml.dataset;

/**
 * One file the engine reads.
 *
 * @param bytes its size, 0 when absent
 */
public record DatasetFile(String name, boolean present, long bytes) {
}
