package io.lecturelab.ml.queue;

import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.ml.Cifar10TestResource;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import io.lecturelab.ml.bench.MemoryBandwidth;
import io.lecturelab.ml.djl.GradientStepTiming;
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
 * workers (one per core unless {@code mlbench.workers} says otherwise) train them through the engine, in the same
 * run twice: grouped (up to {@code mlbench.groupSize} jobs share a pass, default the configured group size) and
 * one job at a time (group size 1). Each is held {@code mlbench.classRuns} times (3) and its median class
 * reported, beside the class's memory-traffic and compute floors. Runs with the {@code bench} profile;
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

    @Inject
    LectureLabConfig config;

    @Test
    void live_class() throws Exception {
        MlTestData.dir();
        QueueTestData.clearJobs();
        int cores = Runtime.getRuntime().availableProcessors();
        int workerCount = Integer.getInteger("mlbench.workers", cores);
        int groupSize = Integer.getInteger("mlbench.groupSize", config.ml().queue().groupSize());
        TrainingRequest request = TrainingRequest.defaults().withEpochs(EPOCHS).withProgressEverySteps(1000);

        // warm: load the engine and the dataset once, as a running server would have
        long warm = queue.submit(QueueTestData.newUser(), null, TrainingRequest.defaults().withEpochs(1));
        workers.start(workerCount, 1);
        awaitAll(List.of(warm));
        workers.stop();

        Mode grouped = mode(workerCount, groupSize, request);
        Mode alone = mode(workerCount, 1, request);

        StringBuilder md = new StringBuilder();
        md.append(String.format("%n## Live class through the PostgreSQL queue: %d students × 1 job × %d epochs, cat/dog,"
                + " batch 256, %d workers on %d cores (median of %d classes per column)%n%n", JOBS, EPOCHS,
                workerCount, cores, ROUNDS));
        md.append(String.format("| figure | grouped (up to %d jobs share a pass) | one job at a time |%n|---|---|---|%n",
                groupSize));
        row(md, "time until all done, each class", grouped, alone, m -> String.join(" / ",
                m.rounds().stream().map(x -> String.format("%.1f s", x.total())).toList()));
        row(md, "time until all done (median class)", grouped, alone,
                m -> String.format("**%.1f s**", m.median().total()));
        row(md, "jobs succeeded (median class)", grouped, alone, m -> m.median().succeeded() + " of " + JOBS);
        row(md, "time to submit all (one transaction each)", grouped, alone,
                m -> String.format("%.2f s", m.median().submitSeconds()));
        row(md, "wait until started: median / longest", grouped, alone, m -> ratio(m.median().waitToStart()));
        row(md, "wait until done: median / longest", grouped, alone, m -> ratio(m.median().waitToDone()));
        row(md, "images trained (stored models' epochs × 10,000) / aggregate", grouped, alone,
                m -> String.format("%,d / %.0f img/s", m.median().imagesTrained(),
                        m.median().imagesTrained() / m.median().total()));
        row(md, "peak RSS of the JVM (VmHWM, reset before each column) / peak heap", grouped, alone,
                m -> m.peakRss() + String.format(" / %.0f MiB", m.peakHeapBytes() / 1048576.0));

        // one at a time, every job reads the whole training split each epoch and the test split after it, as float32
        double bytesToRead = (double) JOBS * EPOCHS * (10_000 + 2_000) * ImageInput.VALUES * Float.BYTES;
        double readBandwidth = MemoryBandwidth.copyBytesPerSecond() / 2;
        // per job and image: scores and gradient on the training split, scores on the test split, 2 flops per
        // multiply-add and weight. As on the slide, C rows of W; as the grouped step computes, C − 1 (differences)
        int classes = 2;
        double perRow = (double) JOBS * EPOCHS * (10_000 * 4.0 + 2_000 * 2.0) * ImageInput.VALUES;
        double flops = perRow * (classes - 1);
        int perGroup = Math.max(1, Math.min(groupSize, (JOBS + workerCount - 1) / workerCount));
        double gemmRate = GradientStepTiming.gemmFlopsPerSecond(workerCount, perGroup * (classes - 1),
                ImageInput.VALUES, 256, 3_000);
        md.append(String.format("%nFloors. Memory traffic of one job at a time: %d jobs × %d epochs × (10,000 training"
                        + " + 2,000 test images) × 12,288 B = %.0f GB at the measured %.1f GB/s of reading = **%.1f s**"
                        + " (one job at a time took %.2f× that). Compute: %.0f GFLOP (%d × %d epochs × (10,000 × 4 +"
                        + " 2,000 × 2) × 3072 × (C − 1) rows: score differences; %.0f GFLOP with all C rows) at the"
                        + " engine's measured %.1f GFLOP/s (%d threads, %d × 3072 by 3072 × 256 products, the shape of a"
                        + " group's step) = **%.1f s** (grouped took %.2f× that).%n",
                JOBS, EPOCHS, bytesToRead / 1e9, readBandwidth / 1e9, bytesToRead / readBandwidth,
                alone.median().total() / (bytesToRead / readBandwidth), flops / 1e9, JOBS, EPOCHS,
                perRow * classes / 1e9, gemmRate / 1e9, workerCount, perGroup * (classes - 1), flops / gemmRate,
                grouped.median().total() / (flops / gemmRate)));
        System.out.print(md);
        Path out = Path.of("target/bench/ml-benchmark-live-class.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private record Round(double total, double submitSeconds, int succeeded, long imagesTrained, double[] waitToStart,
                         double[] waitToDone) {
    }

    /** The classes held with one setting of the workers, the median class, and the memory they took. */
    private record Mode(List<Round> rounds, Round median, String peakRss, long peakHeapBytes) {
    }

    /** Holds {@link #ROUNDS} classes with {@code workerCount} workers that train up to {@code groupSize} jobs at once. */
    private Mode mode(int workerCount, int groupSize, TrainingRequest request) throws Exception {
        resetPeakRss();
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
        workers.start(workerCount, groupSize);
        List<Round> rounds = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            rounds.add(round(newOwners(), request));
        }
        workers.stop();
        sampling.set(false);
        sampler.join();
        List<Round> byTime = new ArrayList<>(rounds);
        byTime.sort(java.util.Comparator.comparingDouble(Round::total));
        return new Mode(rounds, byTime.get(byTime.size() / 2), peakRss(), peakHeap.get());
    }

    private static void row(StringBuilder md, String figure, Mode grouped, Mode alone,
                            java.util.function.Function<Mode, String> value) {
        md.append("| ").append(figure).append(" | ").append(value.apply(grouped)).append(" | ")
                .append(value.apply(alone)).append(" |\n");
    }

    private static String ratio(double[] sorted) {
        double median = sorted[sorted.length / 2];
        double longest = sorted[sorted.length - 1];
        return String.format("%.1f s / %.1f s (%.2f×)", median, longest, longest / median);
    }

    /** Resets the kernel's peak-RSS mark of this process (Linux), so each column reports its own peak. */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (Exception e) {
            // not Linux, or not allowed: the peak then covers the whole run
        }
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
