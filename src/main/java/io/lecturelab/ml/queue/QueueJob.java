package io.lecturelab.ml.queue;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One training job of the shared queue (table ml_training_job). */
@Entity
@Table(name = "ml_training_job")
class QueueJob {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "owner_id", nullable = false)
    long ownerId;

    @Column(name = "course_id")
    Long courseId;

    @Embedded
    RequestColumns request;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    JobStatus status;

    @Column(name = "cancel_requested", nullable = false)
    boolean cancelRequested;

    @Column(nullable = false)
    int attempts;

    @Column(name = "worker_id")
    String workerId;

    @Column(name = "lease_until")
    Instant leaseUntil;

    @Column(name = "progress_epoch")
    Integer progressEpoch;

    @Column(name = "progress_step")
    Integer progressStep;

    @Column(name = "progress_steps")
    Integer progressSteps;

    @Column(name = "progress_loss")
    Double progressLoss;

    @Column(name = "progress_train_accuracy")
    Double progressTrainAccuracy;

    @Column(name = "progress_test_accuracy")
    Double progressTestAccuracy;

    /** See {@link CurvePoint#encode}. */
    byte[] curve;

    @Column(name = "progress_weights")
    byte[] progressWeights;

    @Column(name = "model_id")
    Long modelId;

    @Column(name = "error_key")
    String errorKey;

    @Column(name = "error_message")
    String errorMessage;

    @Column(name = "submitted_at", nullable = false)
    Instant submittedAt;

    @Column(name = "started_at")
    Instant startedAt;

    @Column(name = "finished_at")
    Instant finishedAt;
}
