/** Trained models and the shared training queue, both in PostgreSQL; the queue's worker threads. */
package io.lecturelab.ml.queue;
