package io.lecturelab.ml.queue;

import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.TrainingRequest;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** A {@link TrainingRequest} as table columns (shared by models and jobs). */
@Embeddable
class RequestColumns {

    @Column(name = "learning_rate", nullable = false)
    double learningRate;

    @Column(name = "batch_size", nullable = false)
    int batchSize;

    @Column(nullable = false)
    int epochs;

    @Column(name = "l2_strength", nullable = false)
    double l2Strength;

    @Column(nullable = false)
    long seed;

    @Column(nullable = false)
    boolean bias;

    @Enumerated(EnumType.STRING)
    @Column(name = "class_set", nullable = false)
    ClassSet classSet;

    @Column(name = "progress_every", nullable = false)
    int progressEvery;

    static RequestColumns of(TrainingRequest r) {
        RequestColumns c = new RequestColumns();
        c.learningRate = r.learningRate();
        c.batchSize = r.batchSize();
        c.epochs = r.epochs();
        c.l2Strength = r.l2Strength();
        c.seed = r.seed();
        c.bias = r.bias();
        c.classSet = r.classes();
        c.progressEvery = r.progressEverySteps();
        return c;
    }

    TrainingRequest toRequest() {
        return new TrainingRequest(learningRate, batchSize, epochs, l2Strength, seed, bias, classSet, progressEvery);
    }
}
