package io.lecturelab.ml.queue;

import io.lecturelab.ml.Cifar10TestResource;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import io.lecturelab.ml.bench.MemoryBandwidth;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The live class through the real queue: {@code classJobs} students (real app_user rows) each submit one cat/dog
 * job of {@code classEpochs} epochs at once to the PostgreSQL queue (embedded PostgreSQL), and this process's
 * workers (one per core unless {@code mlbench.workers} says otherwise) train them through the engine; the class
 * is held {@code mlbench.classRuns} times (3) and the median class reported. Runs with the {@code bench} profile;
 * writes its table to target/bench/ml-benchmark-live-class.md.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
// the app under test reads CIFAR-10 from the folder the tests found
@QuarkusTestResource(value = Cifar10TestResource.class, restrictToAnnotatedClass = false)
@EnabledIfSystemProperty(named = "mlbench", matches = "true")
class LiveClassBenchmark {

    private static final int JOBS = Integer.getInteger("mlbench.classJobs", 200);
    private static final int EPOCHS = Integer.getInteger("mlbench.classEpochs", 10);
    private static final int ROUNDS = Integer.getInteger("mlbench.classRuns", 3);

    @Inject
    TrainingQueue queue;

    @Inject
    QueueWorkers workers;

    @Inject
    ModelStore models;

    @Test
    void live_class() throws Exception {
        MlTestData.dir();
        QueueTestData.clearJobs();
        int cores = Runtime.getRuntime().availableProcessors();
        int workerCount = Integer.getInteger("mlbench.workers", cores);
        TrainingRequest request = TrainingRequest.defaults().withEpochs(EPOCHS).withProgressEverySteps(1000);

        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            var mem = ManagementFactory.getMemoryMXBean();
            while (sampling.get()) {
                peakHeap.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        // warm: load the engine and the dataset once, as a running server would have
        long warm = queue.submit(QueueTestData.newUser(), null, TrainingRequest.defaults().withEpochs(1));
        workers.start(workerCount);
        awaitAll(List.of(warm));

        List<Round> rounds = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            rounds.add(round(newOwners(), request));
        }
        workers.stop();
        sampling.set(false);
        sampler.join();

        List<Round> byTime = new ArrayList<>(rounds);
        byTime.sort(java.util.Comparator.comparingDouble(Round::total));
        Round median = byTime.get(byTime.size() / 2);
        StringBuilder md = new StringBuilder();
        md.append(String.format("%n## Live class through the PostgreSQL queue: %d students × 1 job × %d epochs, cat/dog,"
                + " batch 256, %d workers on %d cores (median of %d classes)%n%n", JOBS, EPOCHS, workerCount, cores,
                ROUNDS));
        md.append("| figure | value |\n|---|---|\n");
        md.append(String.format("| time until all done, each class | %s |%n", String.join(" / ",
                rounds.stream().map(x -> String.format("%.1f s", x.total())).toList())));
        md.append(String.format("| jobs succeeded (median class) | %d of %d |%n", median.succeeded(), JOBS));
        md.append(String.format("| time to submit all (one transaction each) | %.2f s |%n", median.submitSeconds()));
        md.append(String.format("| time until all done (median class) | **%.1f s** |%n", median.total()));
        md.append(String.format("| images trained (from the stored models' epochs × 10,000) / aggregate | %,d / %.0f img/s"
                + " (incl. per-epoch test evaluation) |%n", median.imagesTrained(), median.imagesTrained() / median.total()));
        // every job reads the whole training split each epoch and the test split after it, as float32
        double bytesToRead = (double) JOBS * EPOCHS * (10_000 + 2_000) * ImageInput.VALUES * Float.BYTES;
        double readBandwidth = MemoryBandwidth.copyBytesPerSecond() / 2;
        md.append(String.format("| memory-traffic floor: %d jobs × %d epochs × (10,000 training + 2,000 test images)"
                        + " × 12,288 B = %.0f GB at the measured %.1f GB/s of reading | %.1f s (all done took %.2f× that) |%n",
                JOBS, EPOCHS, bytesToRead / 1e9, readBandwidth / 1e9, bytesToRead / readBandwidth,
                median.total() / (bytesToRead / readBandwidth)));
        double[] start = median.waitToStart();
        double[] done = median.waitToDone();
        md.append(String.format("| wait until started: median / longest | %.1f s / %.1f s (%.2f×) |%n",
                start[JOBS / 2], start[JOBS - 1], start[JOBS - 1] / start[JOBS / 2]));
        md.append(String.format("| wait until done: median / longest | %.1f s / %.1f s (%.2f×) |%n",
                done[JOBS / 2], done[JOBS - 1], done[JOBS - 1] / done[JOBS / 2]));
        md.append(String.format("| peak RSS of the JVM (VmHWM; PostgreSQL runs in its own processes) / peak heap"
                + " | %s / %.0f MiB |%n", peakRss(), peakHeap.get() / 1048576.0));
        System.out.print(md);
        Path out = Path.of("target/bench/ml-benchmark-live-class.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private record Round(double total, double submitSeconds, int succeeded, long imagesTrained, double[] waitToStart,
                         double[] waitToDone) {
    }

    private static long[] newOwners() {
        long[] owners = new long[JOBS];
        for (int i = 0; i < JOBS; i++) {
            owners[i] = QueueTestData.newUser();
        }
        return owners;
    }

    /** One class: every student submits at once; returns when all jobs have finished. */
    private Round round(long[] owners, TrainingRequest request) throws InterruptedException {
        long t0 = System.nanoTime();
        List<Long> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            jobs.add(queue.submit(owners[i], null, request.withSeed(i)));
        }
        double submitSeconds = (System.nanoTime() - t0) / 1e9;
        awaitAll(jobs);
        double total = (System.nanoTime() - t0) / 1e9;
        double[] waitToStart = new double[JOBS];
        double[] waitToDone = new double[JOBS];
        long imagesTrained = 0;
        int succeeded = 0;
        for (int i = 0; i < JOBS; i++) {
            JobView v = queue.find(jobs.get(i)).orElseThrow();
            waitToStart[i] = Duration.between(v.submittedAt(), v.startedAt().orElseThrow()).toMillis() / 1e3;
            waitToDone[i] = Duration.between(v.submittedAt(), v.finishedAt().orElseThrow()).toMillis() / 1e3;
            if (v.status() == JobStatus.SUCCEEDED) {
                succeeded++;
                TrainingResult m = models.load(v.modelId().orElseThrow()).orElseThrow();
                imagesTrained += (long) m.epochs().size() * 10_000;
            }
        }
        Arrays.sort(waitToStart);
        Arrays.sort(waitToDone);
        return new Round(total, submitSeconds, succeeded, imagesTrained, waitToStart, waitToDone);
    }

    private void awaitAll(List<Long> jobs) throws InterruptedException {
        for (long job : jobs) {
            while (!queue.find(job).orElseThrow().status().finished()) {
                Thread.sleep(200);
            }
        }
    }

    private static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .findFirst().map(l -> l.substring(6).trim()).orElse("n/a");
        } catch (Exception e) {
            return "n/a";
        }
    }
}
