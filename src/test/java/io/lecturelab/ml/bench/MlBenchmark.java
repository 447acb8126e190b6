package io.lecturelab.ml.bench;

import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.ClassifierSettings;
import io.lecturelab.ml.EngineInfo;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import io.lecturelab.ml.data.Cifar10Files;
import io.lecturelab.ml.data.Cifar10Reader;
import io.lecturelab.ml.data.LabelledImages;
import io.lecturelab.ml.djl.DjlClassifierService;
import io.lecturelab.ml.djl.GradientStepTiming;
import io.lecturelab.ml.reference.PlainSoftmaxSgd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The engine benchmark. Runs only with the Maven profile {@code bench} ({@code ./mvnw -Pbench test}), which sets
 * {@code mlbench=true}; prints a table and writes it to target/bench/ml-benchmark.md.
 */
@EnabledIfSystemProperty(named = "mlbench", matches = "true")
class MlBenchmark {

    private static final int RUNS = Integer.getInteger("mlbench.runs", 3);
    /** Bytes of one preprocessed image. */
    private static final int FLOAT_BYTES_PER_IMAGE = ImageInput.VALUES * Float.BYTES;

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
            double copyBandwidth = medianOf(RUNS, MemoryBandwidth::copyBytesPerSecond);

            // ---------------- training throughput ----------------
            line("## Training throughput, cat/dog (10,000 images, 1 epoch per run, single job)");
            line("");
            double readBandwidth = copyBandwidth / 2;
            line(String.format("Memory-bandwidth ceiling for this data: each training image (3,072 preprocessed"
                    + " floats, %,d B) must be read once per epoch; both implementations read them from this"
                    + " process's memory. Machine copy bandwidth, measured in this run (System.arraycopy of 256 MiB,"
                    + " bytes read + bytes written per second): %.1f GB/s, so about %.1f GB/s of reading and a ceiling"
                    + " of **%,.0f img/s**.", FLOAT_BYTES_PER_IMAGE, copyBandwidth / 1e9, readBandwidth / 1e9,
                    readBandwidth / FLOAT_BYTES_PER_IMAGE));
            line("");
            line("Both sides run one epoch untimed first (JIT and caches warm), then " + RUNS + " timed epochs.");
            line("");
            line("| batch | DJL img/s | plain Java img/s | DJL / plain | DJL of the bandwidth ceiling |");
            line("|---|---|---|---|---|");
            TrainingRequest base = TrainingRequest.defaults().withEpochs(1);
            float[] x = train.preprocessed(service.train(base.withBatchSize(256), null).result().get().preprocessing());
            int[] y = train.labels();
            for (int batch : new int[] {64, 256}) {
                service.train(base.withBatchSize(batch), null).result().get();
                double djl = medianOf(RUNS, () -> service.train(base.withBatchSize(batch), null).result().get()
                        .epochs().get(0).imagesPerSecond());
                new PlainSoftmaxSgd(2, true, 42).epoch(x, y, batch, 0.02f, 0.001f);
                double plain = medianOf(RUNS, () -> {
                    PlainSoftmaxSgd sgd = new PlainSoftmaxSgd(2, true, 42);
                    long t0 = System.nanoTime();
                    sgd.epoch(x, y, batch, 0.02f, 0.001f);
                    return y.length / ((System.nanoTime() - t0) / 1e9);
                });
                line(String.format("| %d | %.0f | %.0f | %.2f× | %.1f %% |", batch, djl, plain, djl / plain,
                        100 * djl / (readBandwidth / FLOAT_BYTES_PER_IMAGE)));
            }
            line("");

            // ---------------- gradient: closed form vs autograd ----------------
            line("## Gradient of one training step, batch 256, cat/dog-sized images (steps on a fixed random batch)");
            line("");
            line("Autograd needs DJL's process-wide GradientCollector, so concurrent jobs take turns under a lock;"
                    + " the closed-form gradient (P−Y)ᵀX/N + λW (what training uses now) needs no lock.");
            line("");
            line("| threads | closed form img/s | autograd img/s | closed form / autograd |");
            line("|---|---|---|---|");
            for (int threads : new int[] {1, cores}) {
                double closed = medianOf(RUNS, () -> GradientStepTiming.imagesPerSecond(true, threads, 256, 2_000));
                double auto = medianOf(RUNS, () -> GradientStepTiming.imagesPerSecond(false, threads, 256, 2_000));
                line(String.format("| %d | %.0f | %.0f | %.2f× |", threads, closed, auto, closed / auto));
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
            line("Off means no batching anywhere: each classify call is one engine call of one image (checked: calls per"
                    + " request must be exactly 1.000), in a service built with micro-batching off.");
            line("");
            line("| 64 concurrent callers | requests/s | engine calls per request |");
            line("|---|---|---|");
            record Mode(String name, ClassifierSettings settings) {
            }
            List<Mode> modes = List.of(
                    new Mode("micro-batching on, lanes chosen by the device (" + cores / info.intraOpThreads()
                            + " on this CPU)", settings.withMicroBatching(true)),
                    new Mode("micro-batching on, 1 lane (as on a GPU)",
                            settings.withMicroBatching(true).withInferenceLanes(1)),
                    new Mode("micro-batching off (the default on a CPU)", settings.withMicroBatching(false)));
            for (Mode mode : modes) {
                try (DjlClassifierService svc = new DjlClassifierService(mode.settings())) {
                    svc.classify(model, test.image(0));
                    double[] r = new double[2];
                    double rps = medianOf(RUNS, () -> {
                        double[] one = throughput(svc, model, test, 64, 2_000);
                        r[1] = one[1];
                        return one[0];
                    });
                    if (mode.settings().microBatching() == ClassifierSettings.Batching.OFF && r[1] != 1.0) {
                        throw new AssertionError("with micro-batching off every request must be its own engine call,"
                                + " got " + r[1] + " calls per request");
                    }
                    line(String.format("| %s | %.0f | %.3f |", mode.name(), rps, r[1]));
                }
            }
            line("");
        }

        // the live class runs through the PostgreSQL queue: io.lecturelab.ml.queue.LiveClassBenchmark

        Path out = Path.of("target/bench/ml-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println();
        System.out.println("written to " + out.toAbsolutePath());
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

    private void line(String s) {
        System.out.println(s);
        md.append(s).append('\n');
    }
}
