package io.lecturelab.ml.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.TrainingProgress;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.testsupport.AppDatabase;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class TrainingQueueTest {

    private static final TrainingRequest REQUEST = TrainingRequest.defaults().withEpochs(2);

    @Inject
    TrainingQueue queue;

    @BeforeEach
    void emptyQueue() {
        QueueTestData.clearJobs();
    }

    @Test
    void concurrent_workers_never_claim_the_same_job() throws Exception {
        List<Long> submitted = new ArrayList<>();
        for (int owner = 0; owner < 20; owner++) {
            long user = QueueTestData.newUser();
            for (int j = 0; j < 3; j++) {
                submitted.add(queue.submit(user, null, REQUEST.withSeed(j)));
            }
        }
        List<Long> claimed = claimConcurrently(12, id -> {
            List<Long> mine = new ArrayList<>();
            for (Optional<Claim> c = queue.claim(id); c.isPresent(); c = queue.claim(id)) {
                mine.add(c.get().jobId());
            }
            return mine;
        });

        assertThat(claimed).hasSize(submitted.size());
        assertThat(new HashSet<>(claimed)).containsExactlyInAnyOrderElementsOf(submitted);
        for (long id : submitted) {
            JobView job = queue.find(id).orElseThrow();
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(job.attempts()).isEqualTo(1);
        }
    }

    @Test
    void the_next_job_goes_to_the_owner_with_fewest_running_jobs_then_the_oldest() {
        long busy = QueueTestData.newUser();
        long b = QueueTestData.newUser();
        long c = QueueTestData.newUser();
        long busy1 = queue.submit(busy, null, REQUEST);
        long busy2 = queue.submit(busy, null, REQUEST);
        long busy3 = queue.submit(busy, null, REQUEST);
        long b1 = queue.submit(b, null, REQUEST);
        long c1 = queue.submit(c, null, REQUEST);

        assertThat(List.of(busy1, b1, c1, busy2, busy3).stream().map(this::position).toList())
                .containsExactly(1L, 2L, 3L, 4L, 5L);

        List<Long> order = new ArrayList<>();
        for (Optional<Claim> claim = queue.claim("w"); claim.isPresent(); claim = queue.claim("w")) {
            order.add(claim.get().jobId());
        }
        assertThat(order).containsExactly(busy1, b1, c1, busy2, busy3);
        assertThat(queue.find(b1).orElseThrow().position()).isEmpty();
    }

    @Test
    void one_students_many_jobs_wait_behind_a_classmate_who_has_none_running() {
        long many = QueueTestData.newUser();
        long other = QueueTestData.newUser();
        long first = queue.submit(many, null, REQUEST);
        queue.submit(many, null, REQUEST);
        Claim running = queue.claim("w").orElseThrow();
        assertThat(running.jobId()).isEqualTo(first);
        long late = queue.submit(other, null, REQUEST);

        assertThat(position(late)).isEqualTo(1L);
        assertThat(queue.claim("w").orElseThrow().jobId()).isEqualTo(late);
    }

    @Test
    void a_group_claim_takes_the_jobs_that_share_a_pass_in_fair_order_up_to_the_group_size() {
        long a = QueueTestData.newUser();
        long b = QueueTestData.newUser();
        long c = QueueTestData.newUser();
        long d = QueueTestData.newUser();
        long a1 = queue.submit(a, null, REQUEST);
        long a2 = queue.submit(a, null, REQUEST.withSeed(2));
        long a3 = queue.submit(a, null, REQUEST.withBatchSize(128));
        long b1 = queue.submit(b, null, REQUEST.withLearningRate(0.1).withBias(false));
        long c1 = queue.submit(c, null, REQUEST.withClasses(ClassSet.ALL_TEN));
        long d1 = queue.submit(d, null, REQUEST.withL2Strength(0).withSeed(9));

        // a2 is a's second turn: b1 and d1 come first; a3 and c1 cannot share the pass
        List<Claim> first = queue.claim("w", 3, 1);
        assertThat(first).extracting(Claim::jobId).containsExactly(a1, b1, d1);
        assertThat(first).extracting(Claim::attempt).containsOnly(1);
        assertThat(first.get(1).request()).isEqualTo(REQUEST.withLearningRate(0.1).withBias(false));
        // c has nothing running: its job is next, and nothing else waiting shares its pass
        assertThat(queue.claim("w", 3, 1)).extracting(Claim::jobId).containsExactly(c1);
        assertThat(queue.claim("w", 3, 1)).extracting(Claim::jobId).containsExactly(a2);
        assertThat(queue.claim("w", 3, 1)).extracting(Claim::jobId).containsExactly(a3);
        assertThat(queue.claim("w", 3, 1)).isEmpty();
        for (long job : List.of(a1, a2, a3, b1, c1, d1)) {
            assertThat(queue.find(job).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        }
    }

    @Test
    void idle_workers_share_a_class_instead_of_one_taking_it_all() {
        List<Long> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            jobs.add(queue.submit(QueueTestData.newUser(), null, REQUEST.withSeed(i)));
        }
        List<Claim> first = queue.claim("w1", 100, 2);
        List<Claim> second = queue.claim("w2", 100, 1);
        assertThat(first).extracting(Claim::jobId).containsExactlyElementsOf(jobs.subList(0, 5));
        assertThat(second).extracting(Claim::jobId).containsExactlyElementsOf(jobs.subList(5, 10));
        assertThat(queue.claim("w3", 100, 1)).isEmpty();
    }

    @Test
    void concurrent_group_claims_never_share_a_job() throws Exception {
        List<Long> submitted = new ArrayList<>();
        for (int owner = 0; owner < 30; owner++) {
            long user = QueueTestData.newUser();
            for (int j = 0; j < 2; j++) {
                submitted.add(queue.submit(user, null, j == 0 ? REQUEST.withSeed(owner) : REQUEST.withEpochs(3)));
            }
        }
        List<Long> claimed = claimConcurrently(8, id -> {
            List<Long> mine = new ArrayList<>();
            for (List<Claim> c = queue.claim(id, 4, 2); !c.isEmpty(); c = queue.claim(id, 4, 2)) {
                assertThat(c).extracting(x -> x.request().epochs()).containsOnly(c.get(0).request().epochs());
                c.forEach(x -> mine.add(x.jobId()));
            }
            return mine;
        });
        assertThat(claimed).hasSize(submitted.size());
        assertThat(new HashSet<>(claimed)).containsExactlyInAnyOrderElementsOf(submitted);
    }

    @Test
    void every_job_of_a_group_whose_worker_died_is_claimed_again() {
        List<Long> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobs.add(queue.submit(QueueTestData.newUser(), null, REQUEST.withSeed(i)));
        }
        List<Claim> dead = queue.claim("dead-worker", 10, 1);
        assertThat(dead).hasSize(3);
        jobs.forEach(TrainingQueueTest::expireLease);

        List<Claim> again = queue.claim("live-worker", 10, 1);
        assertThat(again).extracting(Claim::jobId).containsExactlyElementsOf(jobs);
        assertThat(again).extracting(Claim::attempt).containsOnly(2);
        assertThat(queue.heartbeat(dead.get(1))).isEqualTo(TrainingQueue.Beat.LOST);
        assertThat(queue.heartbeat(again.get(1))).isEqualTo(TrainingQueue.Beat.HELD);
    }

    @Test
    void per_user_limits_are_refused_at_submit() {
        long user = QueueTestData.newUser();
        for (int i = 0; i < 3; i++) {
            queue.submit(user, null, REQUEST);
        }
        assertThatThrownBy(() -> queue.submit(user, null, REQUEST))
                .isInstanceOf(UserFacingException.class)
                .satisfies(e -> {
                    assertThat(((UserFacingException) e).messageKey()).isEqualTo("ml.error.tooManyJobs");
                    assertThat(((UserFacingException) e).arguments()).containsExactly(3);
                });
        long other = QueueTestData.newUser();
        assertThatThrownBy(() -> queue.submit(other, null, REQUEST.withEpochs(51)))
                .isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo("ml.error.tooManyEpochs");
        queue.submit(other, null, REQUEST.withEpochs(50));
    }

    @Test
    void concurrent_submits_of_one_user_cannot_pass_the_limit() throws Exception {
        long user = QueueTestData.newUser();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                go.await();
                try {
                    queue.submit(user, null, REQUEST);
                    return true;
                } catch (UserFacingException e) {
                    return false;
                }
            }));
        }
        go.countDown();
        int accepted = 0;
        for (Future<Boolean> f : results) {
            accepted += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(accepted).isEqualTo(3);
    }

    @Test
    void a_finished_job_no_longer_counts_against_the_limit() {
        long user = QueueTestData.newUser();
        long first = queue.submit(user, null, REQUEST);
        queue.submit(user, null, REQUEST);
        queue.submit(user, null, REQUEST);
        queue.cancel(user, first);
        queue.submit(user, null, REQUEST);
    }

    @Test
    void a_queued_job_is_cancelled_at_once_and_never_claimed() {
        long user = QueueTestData.newUser();
        long job = queue.submit(user, null, REQUEST);

        JobView cancelled = queue.cancel(user, job);

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.finishedAt()).isPresent();
        assertThat(queue.claim("w")).isEmpty();
    }

    @Test
    void only_the_owner_sees_or_cancels_a_job() {
        long owner = QueueTestData.newUser();
        long stranger = QueueTestData.newUser();
        long job = queue.submit(owner, null, REQUEST);
        assertThatThrownBy(() -> queue.cancel(stranger, job)).isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo("ml.error.jobNotFound");
        assertThatThrownBy(() -> queue.jobOf(stranger, job)).isInstanceOf(UserFacingException.class);
        assertThat(queue.jobOf(owner, job).status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    void cancelling_a_running_job_flags_it_and_its_worker_finishes_it_as_cancelled() {
        long user = QueueTestData.newUser();
        long job = queue.submit(user, null, REQUEST);
        Claim claim = queue.claim("w").orElseThrow();

        assertThat(queue.cancel(user, job).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(queue.heartbeat(claim)).isEqualTo(TrainingQueue.Beat.CANCEL);
        assertThat(queue.finishCancelled(claim)).isTrue();
        assertThat(queue.find(job).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void a_job_whose_worker_died_is_claimed_again_and_the_stale_worker_cannot_finish_it() {
        long user = QueueTestData.newUser();
        long job = queue.submit(user, null, REQUEST);
        Claim stale = queue.claim("dead-worker").orElseThrow();
        assertThat(queue.heartbeat(stale, progress(), List.of(CurvePoint.of(progress())))).isEqualTo(TrainingQueue.Beat.HELD);
        assertThat(queue.claim("other")).isEmpty(); // the lease still holds

        expireLease(job);
        Claim fresh = queue.claim("live-worker").orElseThrow();

        assertThat(fresh.jobId()).isEqualTo(job);
        assertThat(fresh.attempt()).isEqualTo(2);
        assertThat(queue.heartbeat(stale, progress(), List.of(CurvePoint.of(progress())))).isEqualTo(TrainingQueue.Beat.LOST);
        String modelsBefore = models();
        assertThatThrownBy(() -> queue.complete(stale, QueueTestData.randomModel(1), List.of()))
                .isInstanceOf(TrainingQueue.LeaseLostException.class);
        assertThat(models()).isEqualTo(modelsBefore); // its model was rolled back with it
        assertThat(queue.fail(stale, "ml.error.training", "late")).isFalse();
        assertThat(queue.find(job).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);

        queue.complete(fresh, QueueTestData.randomModel(2), List.of());
        JobView done = queue.find(job).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.modelId()).isPresent();
        assertThat(done.progress().orElseThrow().epoch()).isEqualTo(1);
        assertThat(queue.finishCancelled(fresh)).isFalse(); // finished jobs stay finished
    }

    @Test
    void the_curve_and_the_latest_weights_reach_every_server_and_the_weights_go_when_the_job_ends() {
        long user = QueueTestData.newUser();
        long job = queue.submit(user, null, REQUEST);
        Claim claim = queue.claim("w").orElseThrow();
        float[] w = new float[2 * 3072];
        w[7] = 0.25f;
        TrainingProgress first = new TrainingProgress("x", 1, 10, 40, 0.7, 0.5, Double.NaN, 1000, false, w);
        TrainingProgress second = new TrainingProgress("x", 1, 40, 40, 0.6, 0.6, 0.58, 1000, true, w);
        List<CurvePoint> curve = List.of(CurvePoint.of(first), CurvePoint.of(second));

        queue.heartbeat(claim, second, curve);

        JobView running = queue.find(job).orElseThrow();
        assertThat(running.curve()).hasSize(2);
        assertThat(running.curve().get(0).epochsDone()).isEqualTo(0.25);
        assertThat(running.curve().get(0).testAccuracy()).isNaN();
        assertThat(running.curve().get(1).testAccuracy()).isCloseTo(0.58, within(1e-6));
        assertThat(queue.latestWeights(job).orElseThrow()).containsExactly(w);

        queue.complete(claim, QueueTestData.randomModel(3), curve);
        assertThat(queue.find(job).orElseThrow().curve()).hasSize(2);
        assertThat(queue.latestWeights(job)).isEmpty();
        assertThat(queue.inCourse(0, user, 10)).isEmpty();
    }

    @Test
    void a_job_that_loses_its_worker_too_often_fails() {
        long user = QueueTestData.newUser();
        long job = queue.submit(user, null, REQUEST);
        for (int i = 0; i < 3; i++) {
            queue.claim("w" + i).orElseThrow();
            expireLease(job);
        }
        assertThat(queue.claim("w3")).isEmpty();
        JobView failed = queue.find(job).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.errorKey()).contains("ml.error.workerLost");
    }

    @Test
    void a_job_cancelled_while_its_worker_was_dead_ends_cancelled() {
        long user = QueueTestData.newUser();
        long job = queue.submit(user, null, REQUEST);
        queue.claim("w").orElseThrow();
        queue.cancel(user, job);
        expireLease(job);
        assertThat(queue.claim("w2")).isEmpty();
        assertThat(queue.find(job).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    }

    private long position(long job) {
        return queue.find(job).orElseThrow().position().orElseThrow();
    }

    /** {@code workers} threads, each named, start claiming at the same moment; returns every job they claimed. */
    private static List<Long> claimConcurrently(int workers, java.util.function.Function<String, List<Long>> claimAll)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String id = "hammer-" + w;
            results.add(pool.submit(() -> {
                go.await();
                return claimAll.apply(id);
            }));
        }
        go.countDown();
        List<Long> claimed = new ArrayList<>();
        for (Future<List<Long>> f : results) {
            claimed.addAll(f.get());
        }
        pool.shutdown();
        return claimed;
    }

    private static TrainingProgress progress() {
        return new TrainingProgress("x", 1, 5, 40, 0.69, 0.5, Double.NaN, 1000, false, new float[2 * 3072]);
    }

    private static void expireLease(long job) {
        new AppDatabase(PostgresResource.jdbcUrl()).text(
                "update ml_training_job set lease_until = now() - interval '1 second' where id = ? returning id", job);
    }

    private static String models() {
        return new AppDatabase(PostgresResource.jdbcUrl()).text("select count(*) from ml_model");
    }
}
