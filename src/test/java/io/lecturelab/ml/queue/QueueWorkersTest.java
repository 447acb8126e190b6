package io.lecturelab.ml.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.lecturelab.ml.Cifar10TestResource;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.TrainingProgress;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue's worker threads training on the real engine. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
// the app under test reads CIFAR-10 from the folder the tests found
@QuarkusTestResource(value = Cifar10TestResource.class, restrictToAnnotatedClass = false)
class QueueWorkersTest {

    @Inject
    TrainingQueue queue;

    @Inject
    QueueWorkers workers;

    @Inject
    JobEvents events;

    @Inject
    ModelStore models;

    @BeforeEach
    void start() {
        MlTestData.dir();
        QueueTestData.clearJobs();
        workers.start(1);
    }

    @AfterEach
    void stop() {
        workers.stop();
    }

    @Test
    void a_worker_trains_a_queued_job_stores_its_model_and_reports_progress() throws Exception {
        long user = QueueTestData.newUser();
        List<TrainingProgress> seen = new CopyOnWriteArrayList<>();
        List<JobStatus> ends = new CopyOnWriteArrayList<>();
        long[] job = new long[1];
        try (AutoCloseable l = events.listen(new JobListener() {
            @Override
            public void onProgress(long jobId, TrainingProgress progress) {
                if (jobId == job[0]) {
                    seen.add(progress);
                }
            }

            @Override
            public void onFinished(long jobId, JobStatus status) {
                if (jobId == job[0]) {
                    ends.add(status);
                }
            }
        })) {
            job[0] = queue.submit(user, null, TrainingRequest.defaults().withEpochs(1).withProgressEverySteps(5));
            JobView done = awaitFinished(job[0], Duration.ofMinutes(3));

            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            TrainingResult model = models.load(done.modelId().orElseThrow()).orElseThrow();
            assertThat(model.epochs()).hasSize(1);
            assertThat(model.finalTestAccuracy()).isGreaterThan(0.5);
            assertThat(models.ownerOf(Long.parseLong(model.modelId()))).contains(user);
            assertThat(seen).isNotEmpty();
            assertThat(seen.get(seen.size() - 1).epochEnd()).isTrue();
            assertThat(done.progress().orElseThrow().epoch()).isEqualTo(1);
            assertThat(ends).containsExactly(JobStatus.SUCCEEDED);
        }
    }

    @Test
    void cancelling_a_running_job_stops_its_worker_which_takes_the_next_job() throws Exception {
        long user = QueueTestData.newUser();
        long longJob = queue.submit(user, null, TrainingRequest.defaults().withEpochs(50).withProgressEverySteps(1));
        awaitStatus(longJob, JobStatus.RUNNING, Duration.ofMinutes(1));

        queue.cancel(user, longJob);

        JobView cancelled = awaitFinished(longJob, Duration.ofMinutes(1));
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.modelId()).isEmpty();
        long next = queue.submit(user, null, TrainingRequest.defaults().withEpochs(1));
        assertThat(awaitFinished(next, Duration.ofMinutes(3)).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void a_worker_trains_jobs_that_share_a_pass_together_and_a_cancel_ends_only_that_job() throws Exception {
        workers.stop(); // the class submits before any worker looks, as when the whole class presses Train at once
        List<Long> owners = new ArrayList<>();
        List<Long> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            owners.add(QueueTestData.newUser());
            jobs.add(queue.submit(owners.get(i), null, TrainingRequest.defaults().withEpochs(12)
                    .withSeed(i).withLearningRate(0.01 * (i + 1)).withProgressEverySteps(2)));
        }
        workers.start(1);
        awaitStatus(jobs.get(1), JobStatus.RUNNING, Duration.ofMinutes(1));
        for (long job : jobs) {
            JobView running = queue.find(job).orElseThrow();
            assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(running.startedAt()).isEqualTo(queue.find(jobs.get(0)).orElseThrow().startedAt());
        }
        queue.cancel(owners.get(1), jobs.get(1));

        assertThat(awaitFinished(jobs.get(1), Duration.ofMinutes(1)).status()).isEqualTo(JobStatus.CANCELLED);
        List<Double> accuracies = new ArrayList<>();
        for (int i : new int[] {0, 2, 3}) {
            JobView done = awaitFinished(jobs.get(i), Duration.ofMinutes(3));
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            TrainingResult model = models.load(done.modelId().orElseThrow()).orElseThrow();
            assertThat(model.epochs()).hasSize(12);
            assertThat(model.request().learningRate()).isEqualTo(0.01 * (i + 1));
            assertThat(models.ownerOf(Long.parseLong(model.modelId()))).contains(owners.get(i));
            assertThat(done.curve()).isNotEmpty();
            accuracies.add(model.finalTestAccuracy());
        }
        assertThat(accuracies).doesNotHaveDuplicates(); // each trained its own model
    }

    private JobView awaitFinished(long job, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            JobView view = queue.find(job).orElseThrow();
            if (view.status().finished() || System.nanoTime() > end) {
                return view;
            }
            Thread.sleep(50);
        }
    }

    private void awaitStatus(long job, JobStatus status, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (queue.find(job).orElseThrow().status() != status && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(queue.find(job).orElseThrow().status()).isEqualTo(status);
    }
}
