package io.lecturelab.ml.bench;

import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.ClassifierSettings;
import io.lecturelab.ml.EngineInfo;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.TrainingHandle;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import io.lecturelab.ml.data.Cifar10Files;
import io.lecturelab.ml.data.Cifar10Reader;
import io.lecturelab.ml.data.LabelledImages;
import io.lecturelab.ml.djl.DjlClassifierService;
import io.lecturelab.ml.reference.PlainSoftmaxSgd;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The engine benchmark. Runs only with the Maven profile {@code bench} ({@code ./mvnw -Pbench test}), which sets
 * {@code lecturelab.bench=true}; prints a table and writes it to target/bench/ml-benchmark.md.
 */
@EnabledIfSystemProperty(named = "lecturelab.bench", matches = "true")
class MlBenchmark {

    private static final int RUNS = Integer.getInteger("lecturelab.bench.runs", 3);
    private static final int CLASS_JOBS = Integer.getInteger("lecturelab.bench.classJobs", 200);
    private static final int CLASS_EPOCHS = Integer.getInteger("lecturelab.bench.classEpochs", 10);
    private static final int BYTES_PER_IMAGE = ImageInput.VALUES * Float.BYTES;

    private final StringBuilder md = new StringBuilder();

    @Test
    void benchmark() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        ClassifierSettings settings = ClassifierSettings.defaults().withDataDir(MlTestData.dir())
                .withTrainingWorkers(cores);
        LabelledImages train = Cifar10Reader.read(new Cifar10Files(settings.dataDir()).trainingFile(ClassSet.CAT_VS_DOG))
                .select(ClassSet.CAT_VS_DOG.labels());
        LabelledImages test = Cifar10Reader.read(new Cifar10Files(settings.dataDir()).testFile());

        try (DjlClassifierService service = new DjlClassifierService(settings)) {
            EngineInfo info = service.engineInfo();
            line("# LectureLab ML benchmark");
            line("");
            line("| machine | |");
            line("|---|---|");
            line("| CPU | " + cpuModel() + " |");
            line("| cores (JVM) | " + cores + " |");
            line("| JDK | " + System.getProperty("java.vm.name") + " " + Runtime.version() + " |");
            line("| engine / device | " + info.engine() + " / " + info.device() + " |");
            line("| intra-op threads / training workers | " + info.intraOpThreads() + " / " + info.trainingWorkers()
                    + " |");
            line("| runs per figure (median) | " + RUNS + " |");
            line("");

            // ---------------- memory bandwidth ----------------
            double bandwidth = medianOf(RUNS, MlBenchmark::streamBandwidth);

            // ---------------- training throughput ----------------
            line("## Training throughput, cat/dog (10,000 images, 1 epoch per run, single job)");
            line("");
            line("| batch | DJL img/s | plain Java img/s | DJL / plain | DJL bytes/s touched (≥12,288 B/img) "
                    + "| of stream bandwidth " + String.format("%.1f GB/s", bandwidth / 1e9) + " |");
            line("|---|---|---|---|---|---|");
            TrainingRequest base = TrainingRequest.defaults().withEpochs(1);
            float[] x = train.preprocessed(service.train(base.withBatchSize(256), null).result().get().preprocessing());
            int[] y = train.labels();
            for (int batch : new int[] {64, 256}) {
                double djl = medianOf(RUNS, () -> service.train(base.withBatchSize(batch), null).result().get()
                        .epochs().get(0).imagesPerSecond());
                double plain = medianOf(RUNS, () -> {
                    PlainSoftmaxSgd sgd = new PlainSoftmaxSgd(2, true, 42);
                    long t0 = System.nanoTime();
                    sgd.epoch(x, y, batch, 0.02f, 0.001f);
                    return y.length / ((System.nanoTime() - t0) / 1e9);
                });
                double touched = djl * BYTES_PER_IMAGE;
                line(String.format("| %d | %.0f | %.0f | %.2f× | %.2f GB/s | %.1f %% |", batch, djl, plain,
                        djl / plain, touched / 1e9, 100 * touched / bandwidth));
            }
            line("");

            // ---------------- inference ----------------
            TrainingResult model = service.train(base, null).result().get();
            line("## Classification (cat/dog model, warm, in-process)");
            line("");
            double[] lat = latency(service, model, test);
            line(String.format("Single caller, %d calls per run: p50 **%.1f µs**, p99 **%.1f µs** (median of runs)",
                    20_000, lat[0], lat[1]));
            line("");
            line("| 64 concurrent callers | requests/s | engine calls per request |");
            line("|---|---|---|");
            for (boolean batching : new boolean[] {true, false}) {
                try (DjlClassifierService svc = new DjlClassifierService(settings.withMicroBatching(batching))) {
                    svc.classify(model, test.image(0));
                    double[] r = new double[2];
                    double rps = medianOf(RUNS, () -> {
                        double[] one = throughput(svc, model, test, 64, 2_000);
                        r[1] = one[1];
                        return one[0];
                    });
                    line(String.format("| micro-batching %s | %.0f | %.3f |", batching ? "on" : "off", rps, r[1]));
                }
            }
            line("");
        }

        // ---------------- live class ----------------
        liveClass(settings, cores);

        Path out = Path.of("target/bench/ml-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println();
        System.out.println("written to " + out.toAbsolutePath());
    }

    private void liveClass(ClassifierSettings settings, int cores) throws Exception {
        line(String.format("## Live class: %d jobs × %d epochs, cat/dog, batch 256, %d workers, round-robin slices "
                + "of %d steps (one run)", CLASS_JOBS, CLASS_EPOCHS, cores, settings.sliceSteps()));
        line("");
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
        try (DjlClassifierService service = new DjlClassifierService(settings)) {
            service.train(TrainingRequest.defaults().withEpochs(1), null).result().get(); // dataset loaded once
            TrainingRequest request = TrainingRequest.defaults().withEpochs(CLASS_EPOCHS).withProgressEverySteps(1000);
            long[] firstProgress = new long[CLASS_JOBS];
            long[] done = new long[CLASS_JOBS];
            List<CompletableFuture<TrainingResult>> futures = new ArrayList<>();
            CountDownLatch all = new CountDownLatch(CLASS_JOBS);
            long t0 = System.nanoTime();
            for (int i = 0; i < CLASS_JOBS; i++) {
                int k = i;
                TrainingHandle h = service.train(request.withSeed(i), p -> {
                    if (firstProgress[k] == 0) {
                        firstProgress[k] = System.nanoTime() - t0;
                    }
                });
                futures.add(h.result().whenComplete((r, e) -> {
                    done[k] = System.nanoTime() - t0;
                    all.countDown();
                }));
            }
            all.await();
            double total = (System.nanoTime() - t0) / 1e9;
            for (CompletableFuture<TrainingResult> f : futures) {
                f.get();
            }
            Arrays.sort(done);
            Arrays.sort(firstProgress);
            double medianDone = done[CLASS_JOBS / 2] / 1e9;
            double maxDone = done[CLASS_JOBS - 1] / 1e9;
            double images = (double) CLASS_JOBS * CLASS_EPOCHS * 10_000;
            line("| figure | value |");
            line("|---|---|");
            line(String.format("| time until all done | **%.1f s** |", total));
            line(String.format("| aggregate training throughput | %.0f img/s (incl. per-epoch test evaluation) |",
                    images / total));
            line(String.format("| wait until done: median / longest | %.1f s / %.1f s (longest = %.2f× median) |",
                    medianDone, maxDone, maxDone / medianDone));
            line(String.format("| first epoch-end event: median / longest | %.1f s / %.1f s |",
                    firstProgress[CLASS_JOBS / 2] / 1e9, firstProgress[CLASS_JOBS - 1] / 1e9));
        } finally {
            sampling.set(false);
            sampler.join();
        }
        line(String.format("| peak RSS (VmHWM) / peak heap used | %s / %.0f MiB |", peakRss(),
                peakHeap.get() / 1048576.0));
        line("");
    }

    private static double[] latency(DjlClassifierService service, TrainingResult model, LabelledImages test) {
        ImageInput[] imgs = new ImageInput[256];
        for (int i = 0; i < imgs.length; i++) {
            imgs[i] = test.image(i);
        }
        for (int i = 0; i < 5_000; i++) {
            service.classify(model, imgs[i & 255]);
        }
        double[] p50 = new double[RUNS];
        double[] p99 = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            long[] t = new long[20_000];
            for (int i = 0; i < t.length; i++) {
                long s = System.nanoTime();
                service.classify(model, imgs[i & 255]);
                t[i] = System.nanoTime() - s;
            }
            Arrays.sort(t);
            p50[r] = t[t.length / 2] / 1e3;
            p99[r] = t[(int) (t.length * 0.99)] / 1e3;
        }
        return new double[] {median(p50), median(p99)};
    }

    private static double[] throughput(DjlClassifierService service, TrainingResult model, LabelledImages test,
                                       int callers, long millis) throws Exception {
        AtomicLong count = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        long calls0 = service.inferenceEngineCalls();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            ImageInput img = test.image(c);
            threads.add(Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    service.classify(model, img);
                    count.incrementAndGet();
                }
            }));
        }
        long t0 = System.nanoTime();
        Thread.sleep(millis);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long calls = service.inferenceEngineCalls() - calls0;
        return new double[] {count.get() / secs, (double) calls / count.get()};
    }

    /** Streaming read bandwidth: sum over a 256 MiB float array (several passes), bytes/s. */
    private static double streamBandwidth() {
        float[] a = new float[64 << 20];
        Arrays.fill(a, 1f);
        double best = 0;
        for (int pass = 0; pass < 4; pass++) {
            long t0 = System.nanoTime();
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int i = 0; i < a.length; i += 4) {
                s0 += a[i];
                s1 += a[i + 1];
                s2 += a[i + 2];
                s3 += a[i + 3];
            }
            double bw = (double) a.length * Float.BYTES / ((System.nanoTime() - t0) / 1e9);
            if (s0 + s1 + s2 + s3 == 42) {
                System.out.print("");
            }
            best = Math.max(best, bw);
        }
        return best;
    }

    private interface Measure {
        double run() throws Exception;
    }

    private static double medianOf(int runs, Measure m) throws Exception {
        double[] v = new double[runs];
        for (int i = 0; i < runs; i++) {
            v[i] = m.run();
        }
        return median(v);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (Exception e) {
            return "unknown";
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

    private void line(String s) {
        System.out.println(s);
        md.append(s).append('\n');
    }
}
