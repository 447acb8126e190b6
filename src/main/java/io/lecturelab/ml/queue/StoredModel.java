package io.lecturelab.ml.queue;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A trained model as stored (table ml_model). */
@Entity
@Table(name = "ml_model")
class StoredModel {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "owner_id", nullable = false)
    long ownerId;

    @Column(name = "course_id")
    Long courseId;

    @Embedded
    RequestColumns request;

    @Column(name = "class_names", nullable = false)
    String classNames;

    @Column(name = "epoch_metrics", nullable = false)
    String epochMetrics;

    @Column(name = "dataset_checksum", nullable = false)
    String datasetChecksum;

    @Column(nullable = false)
    String engine;

    @Column(nullable = false)
    String device;

    @Column(nullable = false)
    String preprocessing;

    @Column(name = "preprocessing_scale", nullable = false)
    float preprocessingScale;

    @Column(name = "mean_image", nullable = false)
    byte[] meanImage;

    @Column(nullable = false)
    byte[] weights;

    @Column(name = "bias_values", nullable = false)
    byte[] biasValues;

    @Column(name = "training_millis", nullable = false)
    long trainingMillis;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}
