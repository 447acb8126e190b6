package io.lecturelab.lab;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import io.lecturelab.ml.Cifar10TestResource;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.queue.JobView;
import io.lecturelab.ml.queue.QueueTestData;
import io.lecturelab.ml.queue.QueueWorkers;
import io.lecturelab.ml.queue.TrainingQueue;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import io.lecturelab.testsupport.AppDatabase;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The classifier lab as students and staff meet it, in real Chromium against the app under test with the real
 * engine, queue and PostgreSQL: (1) Train pressed until the first curve point is on the page, (2) push messages a
 * watching page receives per second while a run trains, (3) server heap per open lab page of a trained run, with
 * {@code labSessions} students signed in at once, and (4) the staff's class view of {@code labClass} finished runs:
 * time until every point is drawn, and bytes sent. Runs with the {@code bench} profile; writes its table to
 * target/bench/lab-benchmark.md.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
// the app under test reads CIFAR-10 from the folder the tests found
@QuarkusTestResource(value = Cifar10TestResource.class, restrictToAnnotatedClass = false)
@EnabledIfSystemProperty(named = "mlbench", matches = "true")
class LabBenchmark {

    /** Timed Train presses for figure 1 (after one untimed). */
    private static final int REPEATS = Integer.getInteger("mlbench.labRepeats", 5);
    /** Epochs of the run whose push rate is measured: long enough to train for several seconds. */
    private static final int PUSH_EPOCHS = Integer.getInteger("mlbench.labPushEpochs", 50);
    /** Students with a lab page open at once for the memory figure. */
    private static final int SESSIONS = Integer.getInteger("mlbench.labSessions", 50);
    /** Students whose finished runs the class view shows. */
    private static final int CLASS_SIZE = Integer.getInteger("mlbench.labClass", 200);
    /** Training workers in this process (one per core, as a server starts by default). */
    private static final int WORKERS = Integer.getInteger("mlbench.workers",
            Runtime.getRuntime().availableProcessors());

    private static final double MEMORY_GOAL_KB = 300;
    private static final double PUSH_GOAL_PER_SECOND = LiveRuns.TICKS_PER_SECOND;
    private static final String PASSWORD = "bench-password";
    private static final LabPreset ONE_EPOCH = LabPreset.defaults()
            .withRequest(TrainingRequest.defaults().withEpochs(1));
    private static final Duration TRAINING = Duration.ofMinutes(5);
    private static final List<String> CHROMIUM_FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage");

    @TestHTTPResource("/")
    URL root;

    @Inject
    LabService lab;

    @Inject
    LiveRuns live;

    @Inject
    QueueWorkers workers;

    @Inject
    UserService users;

    @Inject
    TrainingQueue queue;

    private AppDatabase db;
    private final List<String> rows = new ArrayList<>();
    private final StringBuilder notes = new StringBuilder();

    /** A student of the class view's course with their one finished run. */
    private record Student(String username, SignedInUser user, long runId, int points) {
    }

    @Test
    void lab() throws Exception {
        MlTestData.dir();
        QueueTestData.clearJobs();
        db = new AppDatabase(PostgresResource.jdbcUrl());
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
                     .setHeadless(true).setArgs(CHROMIUM_FLAGS))) {
            workers.start(WORKERS);
            long course = db.course("bench-" + unique(), "Lab benchmark");
            Student student = newStudent(course);
            timeToFirstPoint(browser, course, student);
            pushRate(browser, course, student.username());

            long classCourse = db.course("bench-class-" + unique(), "Lab benchmark class");
            List<Student> students = trainedClass(classCourse);
            workers.stop();
            classView(browser, classCourse, students);
            memoryPerView(browser, classCourse, students.subList(0, Math.min(SESSIONS, students.size())));
        } finally {
            workers.stop();
        }
        report();
    }

    // ---------------- 1. Train → first point ----------------

    /** Pressing Train on an idle server until the page holds the run's first curve point (browser clock). */
    private void timeToFirstPoint(Browser browser, long course, Student student) {
        try (BrowserContext context = signedIn(browser, student.username())) {
            Page page = open(context, "courses/" + course + "/demo?step=train");
            double[] firstPoint = new double[REPEATS];
            double[] pickedUp = new double[REPEATS];
            for (int i = -1; i < REPEATS; i++) { // run -1 warms the engine, the queue and the page
                page.evaluate(RECORD_TRAIN);
                page.locator("#lab-train").click();
                page.waitForFunction("() => window.__lab.done !== null",
                        null, new Page.WaitForFunctionOptions().setTimeout(TRAINING.toMillis()));
                @SuppressWarnings("unchecked")
                Map<String, Object> times = (Map<String, Object>) page.evaluate("() => window.__lab");
                if (i >= 0) {
                    firstPoint[i] = number(times.get("first")) - number(times.get("click"));
                    JobView job = queue.find(lab.myRuns(course, student.user()).getFirst().id()).orElseThrow();
                    pickedUp[i] = Duration.between(job.submittedAt(), job.startedAt().orElseThrow()).toNanos() / 1e6;
                }
            }
            Arrays.sort(firstPoint);
            Arrays.sort(pickedUp);
            row("1. Train pressed → first curve point on the page (idle server, defaults; median of " + REPEATS
                            + ", min–max)",
                    String.format("**%.0f ms** (%.0f–%.0f ms)", median(firstPoint), firstPoint[0],
                            firstPoint[REPEATS - 1]), "—");
            row("   of which the run waited in the queue until a worker took it (server clock, median)",
                    String.format("%.0f ms", median(pickedUp)), "—");
        }
    }

    /**
     * Records on the page, by the browser's clock: the click on Train, the run's curve emptied and then holding its
     * first point, and the run shown as finished.
     */
    private static final String RECORD_TRAIN = """
            () => {
              const curves = document.querySelector('#lab-curves');
              const status = document.querySelector('#lab-status');
              const rec = window.__lab = {click: null, emptied: false, first: null, done: null};
              window.__labObservers?.forEach(o => o.disconnect());
              document.querySelector('#lab-train').addEventListener('click', () => {
                rec.click ??= performance.now();
              }, {capture: true, once: true});
              const points = new MutationObserver(() => {
                if (rec.click === null) return;
                const n = Number(curves.dataset.points || 0);
                if (n === 0) rec.emptied = true;
                else if (rec.emptied) rec.first ??= performance.now();
              });
              points.observe(curves, {attributes: true, attributeFilter: ['data-points']});
              const states = new MutationObserver(() => {
                if (rec.click === null) return;
                const s = status.dataset.status;
                if (s === 'SUCCEEDED' && rec.first !== null) rec.done ??= performance.now();
              });
              states.observe(status, {attributes: true, attributeFilter: ['data-status']});
              window.__labObservers = [points, states];
            }""";

    // ---------------- 2. push messages while training ----------------

    /** WebSocket frames one watching page receives per second while its run trains, and LiveRuns' notifications. */
    private void pushRate(Browser browser, long course, String student) {
        try (BrowserContext context = signedIn(browser, student)) {
            Page page = context.newPage();
            AtomicLong frames = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            page.onWebSocket(ws -> {
                if (ws.url().contains("/VAADIN/push")) {
                    ws.onFrameReceived(frame -> {
                        frames.incrementAndGet();
                        bytes.addAndGet(frameBytes(frame.text(), frame.binary()));
                    });
                }
            });
            navigate(page, "courses/" + course + "/demo?step=train&epochs=" + PUSH_EPOCHS);
            page.locator("#lab-train").click();
            // the window: from the first point on the page until the page shows the run finished
            pumpUntil(page, () -> points(page, "#lab-curves") >= 1 && "RUNNING".equals(status(page)));
            long framesAtStart = frames.get();
            long bytesAtStart = bytes.get();
            long notificationsAtStart = live.notifications();
            long start = System.nanoTime();
            pumpUntil(page, () -> "SUCCEEDED".equals(status(page)));
            double seconds = (System.nanoTime() - start) / 1e9;
            long notified = live.notifications() - notificationsAtStart;
            long received = frames.get() - framesAtStart;
            row(String.format("2. push messages received per second by one watching page (%d-epoch run, %.1f s"
                    + " window)", PUSH_EPOCHS, seconds), String.format("**%.1f /s** (%,.0f B/s)", received / seconds,
                    (bytes.get() - bytesAtStart) / seconds), String.format("≤ %.0f /s", PUSH_GOAL_PER_SECOND));
            row("   LiveRuns notifications per watching view per second", String.format("%.1f /s (%d in the window)",
                    notified / seconds, notified), String.format("≤ %.0f /s", PUSH_GOAL_PER_SECOND));
            row("   curve points the page holds at the end", Integer.toString(points(page, "#lab-curves")), "—");
        }
    }

    // ---------------- the class: trained through the queue ----------------

    /** {@link #CLASS_SIZE} students each put one 1-epoch run on the queue; the workers train them all. */
    private List<Student> trainedClass(long course) throws InterruptedException {
        workers.stop();
        List<Student> queued = new ArrayList<>();
        for (int i = 0; i < CLASS_SIZE; i++) {
            Student s = newStudent(course);
            queued.add(new Student(s.username(), s.user(), lab.train(course, ONE_EPOCH, s.user()).id(), 0));
        }
        long start = System.nanoTime();
        workers.start(WORKERS);
        List<Student> done = new ArrayList<>();
        long end = System.nanoTime() + TRAINING.toNanos();
        for (Student s : queued) {
            LabRun run = lab.run(course, s.runId(), s.user());
            while (run.active() && System.nanoTime() < end) {
                Thread.sleep(200);
                run = lab.run(course, s.runId(), s.user());
            }
            if (!run.trained()) {
                throw new AssertionError("run " + s.runId() + " ended " + run.status());
            }
            done.add(new Student(s.username(), s.user(), s.runId(), run.curve().size()));
        }
        row(String.format("   (setup) %d × 1-epoch runs through the queue, %d workers", CLASS_SIZE, WORKERS),
                String.format("%.1f s", (System.nanoTime() - start) / 1e9), "—");
        return done;
    }

    // ---------------- 4. class view ----------------

    /** The staff's class view of every student's finished run: time until all points are on the page, and bytes. */
    private void classView(Browser browser, long course, List<Student> students) {
        int total = students.stream().mapToInt(Student::points).sum();
        String admin = ConfigProvider.getConfig().getValue("lecturelab.admin.password", String.class);
        try (BrowserContext context = signedIn(browser, "admin", admin)) {
            Page page = context.newPage();
            List<Request> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
            AtomicLong frames = new AtomicLong();
            AtomicLong frameBytes = new AtomicLong();
            page.onRequestFinished(requests::add);
            page.onWebSocket(ws -> ws.onFrameReceived(frame -> {
                frames.incrementAndGet();
                frameBytes.addAndGet(frameBytes(frame.text(), frame.binary()));
            }));
            // every change of the chart's point count, by the browser's clock from navigation start
            page.addInitScript("""
                    window.__points = [];
                    new MutationObserver(records => records.forEach(r => {
                      if (r.target.id === 'class-curves') {
                        window.__points.push([performance.now(), Number(r.target.dataset.points || 0)]);
                      }
                    })).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-points']});
                    """);
            page.navigate(root + "courses/" + course + "/demo/class");
            long stable = System.nanoTime();
            int seen = -1;
            while (seen < total && System.nanoTime() - stable < 3_000_000_000L) { // all there, or 3 s unchanged
                page.waitForTimeout(100);
                int now = points(page, "#class-curves");
                if (now != seen) {
                    seen = now;
                    stable = System.nanoTime();
                }
            }
            // two animation frames after the last change: the chart has drawn what it holds
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
            double drawn = number(page.evaluate("() => performance.now()"));
            List<?> log = (List<?>) page.evaluate("() => window.__points");
            double arrived = log.isEmpty() ? Double.NaN : number(((List<?>) log.get(log.size() - 1)).get(0));
            long httpEncoded = 0;
            long httpDecoded = 0;
            Map<String, Long> byType = new HashMap<>();
            List<Request> atRender = List.copyOf(requests); // reading sizes delivers further events
            for (Request request : atRender) {
                long size = request.sizes().responseBodySize;
                httpEncoded += size;
                byType.merge(request.resourceType(), size, Long::sum);
                try {
                    httpDecoded += request.response() == null ? 0 : request.response().body().length;
                } catch (com.microsoft.playwright.PlaywrightException noBody) {
                    // a redirect has no body
                }
            }
            long receivedFrames = frames.get();
            long receivedBytes = frameBytes.get();
            int rowsShown = page.locator("#class-leaderboard tbody tr").count();
            long largest = atRender.stream()
                    .filter(r -> "xhr".equals(r.resourceType()) || "fetch".equals(r.resourceType()))
                    .mapToLong(r -> r.sizes().responseBodySize).max().orElse(0);

            // steady state: the view polls and re-reads the class every second although nothing trains
            int idleSeconds = 10;
            page.waitForTimeout(idleSeconds * 1000);
            List<Request> all = List.copyOf(requests);
            List<Request> idle = all.subList(atRender.size(), all.size());
            long idleHttp = idle.stream().mapToLong(r -> r.sizes().responseBodySize).sum();
            keepLargestBody(idle, Path.of("target/bench/lab-class-idle-response.json"));
            double idleMessagesPerSecond = (idle.size() + frames.get() - receivedFrames) / (double) idleSeconds;
            double idleBytesPerSecond = (idleHttp + frameBytes.get() - receivedBytes) / (double) idleSeconds;

            row(String.format("4. class view of %d finished runs: navigation start → all %,d points on the page"
                    + " / drawn", students.size(), total), String.format("**%.0f ms** / %.0f ms (page shows %,d"
                    + " points, %d leaderboard rows)", arrived, drawn, seen, rowsShown), "—");
            row("   class view payload: HTTP response bodies (as sent / decoded) + WebSocket frames received",
                    String.format("**%s** / %s + %s in %d frames", kb(httpEncoded), kb(httpDecoded),
                            kb(receivedBytes), receivedFrames), "—");
            row("   HTTP bytes as sent, by resource type", byType.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> e.getKey() + " " + kb(e.getValue())).collect(Collectors.joining(", ")), "—");
            row("   of which the largest XHR response (the view's first state)", kb(largest), "—");
            row("   class view afterwards, nothing training: server round trips / bytes received per second",
                    String.format("%.1f /s, %s /s", idleMessagesPerSecond, kb((long) idleBytesPerSecond)), "—");
        }
    }

    /** Saves the largest response body of these requests, to see what the view sends when nothing changes. */
    private static void keepLargestBody(List<Request> requests, Path file) {
        requests.stream().filter(r -> r.response() != null)
                .max(java.util.Comparator.comparingLong(r -> r.sizes().responseBodySize))
                .ifPresent(r -> {
                    try {
                        Files.createDirectories(file.getParent());
                        Files.write(file, r.response().body());
                    } catch (Exception e) {
                        System.out.println("could not keep " + file + ": " + e);
                    }
                });
    }

    // ---------------- 3. memory per open lab page ----------------

    /** Heap held per signed-in student with the lab open at a trained run, all pages open while measured. */
    private void memoryPerView(Browser browser, long course, List<Student> students) throws Exception {
        // finished runs leave LiveRuns after a while: let that happen before the baseline, not during it
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (live.size() > 0 && System.nanoTime() < end) {
            Thread.sleep(500);
        }
        long before = heapAfterGc();
        String histogramBefore = histogram("before");
        List<BrowserContext> open = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (Student s : students) {
                BrowserContext context = signedIn(browser, s.username());
                open.add(context);
                Page page = open(context, "courses/" + course + "/demo?run=" + s.runId() + "&step=train");
                page.locator("#lab-status[data-status=SUCCEEDED]").waitFor();
            }
            double openSeconds = (System.nanoTime() - start) / 1e9;
            long after = heapAfterGc();
            String histogramAfter = histogram("after");
            long stillShown = open.stream().filter(c -> "SUCCEEDED".equals(status(c.pages().getFirst()))).count();
            double perView = (after - before) / 1024.0 / students.size();
            row(String.format("3. server heap per open lab page (trained run, step=train; %d students signed in"
                    + " at once, heap after GC)", students.size()), String.format("**%.0f KB** (%.1f → %.1f MiB)",
                    perView, before / 1048576.0, after / 1048576.0), String.format("≤ %.0f KB", MEMORY_GOAL_KB));
            row("   pages opened one after another / still showing their run when measured",
                    String.format("%.1f s (%.0f ms each) / %d of %d", openSeconds, openSeconds * 1000 / students.size(),
                            stillShown, students.size()), "—");
            notes.append(String.format("%n### Heap growth by class with %d lab pages open (jcmd GC.class_histogram,"
                    + " after − before, top 15)%n%n", students.size()));
            notes.append(histogramDelta(histogramBefore, histogramAfter, 15, students.size()));
        } finally {
            open.forEach(BrowserContext::close);
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /**
     * The live objects of this JVM by class, as jcmd prints them (it collects garbage first). jcmd writes to a file:
     * this JVM stands at a safepoint while the histogram is written, so it could not drain a pipe.
     */
    private static String histogram(String name) {
        try {
            Path file = Path.of("target/bench/lab-heap-" + name + ".txt");
            Files.createDirectories(file.getParent());
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            if (!jcmd.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
                jcmd.destroy();
                return "";
            }
            return Files.readString(file);
        } catch (Exception e) {
            return "";
        }
    }

    /** The classes whose bytes grew most between two histograms, as a Markdown table. */
    private static String histogramDelta(String before, String after, int top, int views) {
        Map<String, long[]> a = parseHistogram(before);
        Map<String, long[]> b = parseHistogram(after);
        StringBuilder md = new StringBuilder("| class | instances + | bytes + | per page |\n|---|---|---|---|\n");
        b.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {e.getValue()[0] - a.getOrDefault(e.getKey(),
                        new long[2])[0], e.getValue()[1] - a.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
                .limit(top)
                .forEach(e -> md.append(String.format("| `%s` | %,d | %s | %.1f KB |%n", e.getKey(), e.getValue()[0],
                        kb(e.getValue()[1]), e.getValue()[1] / 1024.0 / views)));
        return md.toString();
    }

    private static Map<String, long[]> parseHistogram(String text) {
        Map<String, long[]> classes = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":") && f[1].matches("[0-9]+") && f[2].matches("[0-9]+")) {
                classes.merge(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])},
                        (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
            }
        }
        return classes;
    }

    // ---------------- browser and people ----------------

    private Student newStudent(long course) {
        String username = "20" + unique();
        long id = db.user(username, "Student " + username, PASSWORD);
        db.member(course, id, "STUDENT");
        return new Student(username, SignedInUser.of(users.find(id).orElseThrow()), 0, 0);
    }

    private BrowserContext signedIn(Browser browser, String username) {
        return signedIn(browser, username, PASSWORD);
    }

    /**
     * A fresh browser profile signed in by posting the sign-in form (what the login page posts), without opening
     * pages: the server then holds only the pages the benchmark opens.
     */
    private BrowserContext signedIn(Browser browser, String username, String password) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-US")
                .setViewportSize(1280, 900));
        context.setDefaultTimeout(60_000);
        APIResponse response = context.request().post(root + "j_security_check", RequestOptions.create()
                .setForm(FormData.create().set("username", username).set("password", password)).setMaxRedirects(0));
        String location = response.headers().getOrDefault("location", "");
        if (response.status() != 302 || location.contains("error")) {
            throw new AssertionError("sign-in of " + username + " failed: " + response.status() + " " + location);
        }
        return context;
    }

    private Page open(BrowserContext context, String path) {
        Page page = context.newPage();
        navigate(page, path);
        return page;
    }

    /** Opens a path and waits until Vaadin has finished its round trips. */
    private void navigate(Page page, String path) {
        page.navigate(root + path);
        page.waitForFunction("() => !!window.Vaadin && !!window.Vaadin.Flow && Object.values(window.Vaadin.Flow"
                + ".clients).every(c => !c.isActive())");
    }

    /** Waits in short steps, so that Playwright delivers the page's events as they come. */
    private static void pumpUntil(Page page, BooleanSupplier condition) {
        long end = System.nanoTime() + TRAINING.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting on the page");
            }
            page.waitForTimeout(50);
        }
    }

    private static int points(Page page, String selector) {
        String value = page.locator(selector).getAttribute("data-points");
        return value == null || value.isEmpty() ? 0 : Integer.parseInt(value);
    }

    private static String status(Page page) {
        return page.locator("#lab-status").getAttribute("data-status");
    }

    private static long frameBytes(String text, byte[] binary) {
        return text != null ? text.getBytes(StandardCharsets.UTF_8).length : binary == null ? 0 : binary.length;
    }

    // ---------------- the table ----------------

    private void row(String figure, String value, String goal) {
        rows.add("| " + figure + " | " + value + " | " + goal + " |");
        System.out.println(figure + ": " + value);
    }

    private void report() throws Exception {
        StringBuilder md = new StringBuilder("# LectureLab lab benchmark\n\n");
        md.append("| machine | |\n|---|---|\n");
        md.append("| CPU | ").append(cpuModel()).append(" |\n");
        md.append("| cores (JVM) | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
        md.append("| memory | ").append(memTotal()).append(" |\n");
        md.append("| JDK / max heap | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(Runtime.version()).append(String.format(" / %.0f MiB", Runtime.getRuntime().maxMemory()
                        / 1048576.0)).append(" |\n");
        md.append("| browser | Chromium (headless, one browser, one context per person) |\n");
        md.append("| training workers | ").append(WORKERS).append(" |\n\n");
        md.append("| figure | value | goal |\n|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append(notes);
        System.out.print("\n" + md);
        Path out = Path.of("target/bench/lab-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").map(l -> l.substring(l.indexOf(':') + 1).trim())
                .orElse("unknown");
    }

    private static String memTotal() {
        return procLine("/proc/meminfo", "MemTotal").map(l -> String.format("%.1f GiB",
                Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0)).orElse("unknown");
    }

    private static java.util.Optional<String> procLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    private static String kb(long bytes) {
        return bytes >= 1024 * 1024 ? String.format("%.2f MB", bytes / 1048576.0)
                : String.format("%.1f KB", bytes / 1024.0);
    }

    private static double number(Object value) {
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
