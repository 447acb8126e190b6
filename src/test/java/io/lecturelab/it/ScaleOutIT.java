package io.lecturelab.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.NeedsCifar10;
import io.lecturelab.ml.api.MlApi;
import io.lecturelab.testsupport.BrowserSession;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A department's layout on one machine, without Docker: one PostgreSQL (started here, shared), two packaged web
 * servers ({@code lecturelab.ml.role=web}) and a worker server ({@code role=worker}), each a process of its own.
 * A job submitted on web server 1 is trained by the worker; web server 2 shows its progress and serves its model.
 * The worker is killed mid-job: once its lease runs out a second worker, started afterwards, trains the job again
 * and finishes it. Start-up, time to done and recovery are reported, not asserted (speed belongs to the benchmark).
 */
@NeedsCifar10
class ScaleOutIT {

    private static final String TOKEN = "scale-out-token";
    private static final String ADMIN_PASSWORD = "scale-out-admin-secret";
    /** Short, so that a job of a dead worker is taken over within seconds (heartbeat every 2 s). */
    private static final String LEASE = "PT6S";
    /**
     * All ten classes (10,000 training images) for 10 epochs: about 1 s an epoch on two shared cores, so the first
     * attempt is still running when its first stored progress (heartbeat every 2 s) has been seen and the worker
     * is killed, while the second attempt, trained in full, keeps the test short.
     */
    private static final int EPOCHS = 10;
    private static final String WORKER_THREAD = "\"ml-queue-worker-";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocatorAssertions.HasAttributeOptions SLOW =
            new LocatorAssertions.HasAttributeOptions().setTimeout(180_000);

    @TempDir
    Path folder;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, App> apps = new LinkedHashMap<>();
    private EmbeddedPostgres postgres;
    private String jdbcUrl;

    private record App(String name, String role, Process process, Path directory, Path log, int port) {
        String url() {
            return PackagedApp.baseUrl(port);
        }
    }

    @Test
    void two_web_servers_and_a_worker_share_one_database_and_a_second_worker_finishes_a_killed_workers_job()
            throws Throwable {
        try {
            run();
        } catch (Throwable failure) {
            apps.values().forEach(ScaleOutIT::printLogTail);
            throw failure;
        }
    }

    private void run() throws Exception {
        long begin = System.nanoTime();
        postgres = EmbeddedPostgres.builder().setDataDirectory(folder.resolve("postgres")).start();
        try (Connection db = postgres.getPostgresDatabase().getConnection(); Statement s = db.createStatement()) {
            s.execute("create database lecturelab encoding 'UTF8'");
        }
        jdbcUrl = postgres.getJdbcUrl("postgres", "lecturelab");
        report("PostgreSQL (one, shared) started in %d ms", millisSince(begin));

        // web server 1 first: it migrates the empty database and creates the administrator and the sample course
        App web1 = start("web-1", "web");
        App web2 = start("web-2", "web");
        App worker1 = start("worker-1", "worker");
        assertThat(workerThreads(web1)).as("training threads of web server 1").isZero();
        assertThat(workerThreads(web2)).as("training threads of web server 2").isZero();
        assertThat(workerThreads(worker1)).as("training threads of the worker").isEqualTo(1);

        try (BrowserSession browser = new BrowserSession(web1.url(), "en-US")) {
            // signed in on web server 1; the same cookie is good on web server 2 (one session key)
            browser.signIn("admin", ADMIN_PASSWORD);

            long submitted = System.nanoTime();
            HttpResponse<String> answer = post(web1, "api/ml/jobs", "application/json",
                    HttpRequest.BodyPublishers.ofString("""
                            {"ownerId": 1, "courseId": 1, "request": {"learningRate": 0.02, "batchSize": 256,
                             "epochs": %d, "l2Strength": 0.001, "seed": 7, "bias": true, "classes": "ALL_TEN",
                             "progressEverySteps": 10}}
                            """.formatted(EPOCHS)));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            long jobId = JSON.readTree(answer.body()).get("id").asLong();

            // progress stored by the worker, read on web server 2
            JsonNode running = await(web2, jobId, "stored progress", job -> job.hasNonNull("progress"));
            report("job %d: first stored progress seen on web-2 %d ms after it was submitted on web-1", jobId,
                    millisSince(submitted));
            JsonNode progress = running.get("progress");
            assertThat(running.get("status").asText())
                    .as("still running when its first progress was seen (on a much faster machine: more EPOCHS)")
                    .isEqualTo("RUNNING");
            assertThat(running.get("attempts").asInt()).isEqualTo(1);
            assertThat(progress.get("stepsPerEpoch").asInt()).isPositive();
            assertThat(progress.get("epoch").asInt()).isBetween(0, EPOCHS);
            assertThat(progress.get("step").asInt()).isPositive();
            String firstWorker = workerId(jobId);

            // the worker dies mid-job (at once: the job must still be running); the job stays with it until its
            // lease runs out
            worker1.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            long killed = System.nanoTime();
            JsonNode orphaned = job(web2, jobId);
            report("worker-1 killed at epoch %d of %d (%d curve points stored)",
                    orphaned.get("progress").get("epoch").asInt(), EPOCHS, curvePoints(jobId));
            assertThat(orphaned.get("status").asText()).as("not done when the worker was killed")
                    .isEqualTo("RUNNING");
            assertThat(orphaned.get("attempts").asInt()).isEqualTo(1);
            assertThat(curvePoints(jobId)).as("curve points stored").isPositive();

            // the second worker starts; meanwhile the lab page of web server 2 shows what was stored
            long launched = System.nanoTime();
            App worker2 = launch("worker-2", "worker");
            browser.page.navigate(web2.url() + "courses/1/demo?run=" + jobId + "&step=train");
            browser.settle();
            assertThat(browser.page.url()).as("still signed in on web server 2").doesNotContain("/login");
            assertThat(browser.page.locator("#lab-status")).hasAttribute("data-status", "RUNNING");
            assertThat(browser.page.locator("#lab-curves")).hasAttribute("data-points",
                    Pattern.compile("[1-9][0-9]*"));
            answered(worker2, launched);
            JsonNode retaken = await(web2, jobId, "a second attempt", job -> job.get("attempts").asInt() >= 2);
            report("job %d taken over by worker-2 %d ms after worker-1 was killed (lease %s)", jobId,
                    millisSince(killed), LEASE);
            assertThat(retaken.get("attempts").asInt()).isEqualTo(2);
            String secondWorker = workerId(jobId);
            assertThat(secondWorker).as("the worker holding the job").isNotEqualTo(firstWorker);
            assertThat(workerThreads(worker2)).as("training threads of the second worker").isEqualTo(1);

            JsonNode done = await(web2, jobId, "the end of the job", job -> !List.of("QUEUED", "RUNNING")
                    .contains(job.get("status").asText()));
            report("job %d done %d ms after it was submitted, %d ms after worker-1 was killed", jobId,
                    millisSince(submitted), millisSince(killed));
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("attempts").asInt()).as("attempts").isEqualTo(2);
            assertThat(done.get("progress").get("epoch").asInt()).isEqualTo(EPOCHS);
            assertThat(workerId(jobId)).as("finished by the second worker").isEqualTo(secondWorker);
            assertThat(job(web1, jobId).get("status").asText()).as("web server 1 sees it too").isEqualTo("SUCCEEDED");

            // the page open on web server 2 followed the run through the worker's death to its end
            assertThat(browser.page.locator("#lab-status")).hasAttribute("data-status", "SUCCEEDED", SLOW);

            // the result, on web server 2: the model's metrics, and a picture classified with it
            long modelId = done.get("modelId").asLong();
            HttpResponse<String> model = get(web2, "api/ml/models/" + modelId + "?ownerId=1");
            assertThat(model.statusCode()).as(model.body()).isEqualTo(200);
            JsonNode stored = JSON.readTree(model.body());
            assertThat(stored.get("classNames")).hasSize(10);
            assertThat(stored.get("epochs")).hasSize(EPOCHS);
            double testAccuracy = stored.get("epochs").get(EPOCHS - 1).get("testAccuracy").asDouble();
            assertThat(testAccuracy).as("better than chance (0.1)").isGreaterThan(0.2);
            long classifyBegin = System.nanoTime();
            HttpResponse<String> classified = post(web2, "api/ml/models/" + modelId + "/classify-image?ownerId=1",
                    "image/png", HttpRequest.BodyPublishers.ofByteArray(
                            TestPictures.firstTestCatAsPng(MlTestData.dir())));
            assertThat(classified.statusCode()).as(classified.body()).isEqualTo(200);
            double sum = 0;
            for (JsonNode p : JSON.readTree(classified.body()).get("probabilities")) {
                sum += p.asDouble();
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
            report("model %d: test accuracy %.3f; a picture classified on web-2 in %d ms (engine start included)",
                    modelId, testAccuracy, millisSince(classifyBegin));
            assertThat(workerThreads(web1) + workerThreads(web2)).as("training threads of the web servers")
                    .isZero();
            // leave the page as a user does: a browser closed with the page open can leave web server 2 waiting
            // for the rest of a request, which delays its stop
            browser.page.navigate("about:blank");
        }
        report("whole test %d ms", millisSince(begin));
    }

    /** Starts the packaged jar in a folder of its own, on the shared database, in the given role; waits for it. */
    private App start(String name, String role) throws IOException, InterruptedException {
        long begin = System.nanoTime();
        return answered(launch(name, role), begin);
    }

    /** Starts the server and returns at once (it is stopped at the end, and its log printed, whatever happens). */
    private App launch(String name, String role) throws IOException {
        Path directory = Files.createDirectories(folder.resolve(name));
        int port = PackagedApp.freePort();
        Map<String, String> settings = new HashMap<>(PackagedApp.sharedDataset());
        settings.put("quarkus.datasource.jdbc.url", jdbcUrl);
        settings.put("quarkus.datasource.username", "postgres");
        settings.put("quarkus.datasource.password", "postgres");
        settings.put("quarkus.http.auth.session.encryption-key", sessionKey());
        settings.put("lecturelab.admin.password", ADMIN_PASSWORD);
        settings.put("lecturelab.ml.service-token", TOKEN);
        settings.put("lecturelab.ml.role", role);
        settings.put("lecturelab.ml.queue.workers", "1");
        settings.put("lecturelab.ml.queue.lease", LEASE);
        Path log = directory.resolve("app.log");
        App app = new App(name, role, PackagedApp.launch(directory, port, settings, log), directory, log, port);
        apps.put(name, app);
        return app;
    }

    /** Waits until the server's sign-in page answers; reports how long that took from {@code begin}. */
    private App answered(App app, long begin) throws IOException, InterruptedException {
        PackagedApp.awaitSignInPage(app.process(), app.port(), app.log(), app.name());
        report("%s (role %s) answered after %d ms", app.name(), app.role(), millisSince(begin));
        return app;
    }

    private String sessionKey;

    private String sessionKey() {
        if (sessionKey == null) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            sessionKey = Base64.getEncoder().encodeToString(random);
        }
        return sessionKey;
    }

    /** Threads of this server that claim training jobs, from its thread dump. */
    private static long workerThreads(App app) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(app.process().pid()), "Thread.print")
                .redirectErrorStream(true).start();
        String threads = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dump.exitValue()).as("thread dump of %s:%n%s", app.name(), threads).isZero();
        assertThat(threads).as("a thread dump of %s", app.name()).contains("\"main\"");
        return threads.lines().filter(line -> line.startsWith(WORKER_THREAD)).count();
    }

    private JsonNode await(App app, long jobId, String what, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            JsonNode job = job(app, jobId);
            if (condition.test(job)) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within 3 minutes: " + job);
            }
            Thread.sleep(200);
        }
    }

    private JsonNode job(App app, long jobId) throws IOException, InterruptedException {
        HttpResponse<String> answer = get(app, "api/ml/jobs/" + jobId + "?ownerId=1");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> get(App app, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(app.url() + path)).header(MlApi.TOKEN_HEADER, TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(App app, String path, String type, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(app.url() + path)).header(MlApi.TOKEN_HEADER, TOKEN)
                .header("Content-Type", type).POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The job's worker id as stored in the queue (host/random id of the claiming thread). */
    private String workerId(long jobId) throws SQLException {
        return text("select worker_id from ml_training_job where id = ?", jobId);
    }

    /** Points of the stored curve (4 float32 values each). */
    private int curvePoints(long jobId) throws SQLException {
        return Integer.parseInt(text("select coalesce(length(curve), 0) / 16 from ml_training_job where id = ?",
                jobId));
    }

    private String text(String sql, Object parameter) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).isTrue();
                return result.getString(1);
            }
        }
    }

    /**
     * Asks every server to stop at once and reports how long each took; one still running 30 s later is killed
     * (by {@link PackagedApp#stopAll}), then the database is stopped.
     */
    @AfterEach
    void stopAll() throws Exception {
        try {
            long begin = System.nanoTime();
            List<App> running = new ArrayList<>(apps.values().stream().filter(app -> app.process().isAlive())
                    .toList());
            running.forEach(app -> app.process().destroy());
            while (!running.isEmpty() && millisSince(begin) < 30_000) {
                for (App app : List.copyOf(running)) {
                    if (!app.process().isAlive()) {
                        report("%s stopped %d ms after SIGTERM", app.name(), millisSince(begin));
                        running.remove(app);
                    }
                }
                Thread.sleep(100);
            }
            for (App app : apps.values()) {
                PackagedApp.stopAll(List.of(app.process()), app.directory());
            }
        } finally {
            try {
                if (postgres != null) {
                    postgres.close();
                }
            } finally {
                // a server that did not stop when asked (found by its data folder) must not outlive the test
                PackagedApp.stopAll(List.of(), folder.resolve("postgres"));
            }
        }
    }

    private static void printLogTail(App app) {
        System.out.println("----- last lines of " + app.name() + " (" + app.log() + ") -----");
        System.out.println(PackagedApp.logTail(app.log(), 60));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void report(String format, Object... arguments) throws IOException {
        String line = String.format(format, arguments);
        System.out.println("[scale-out] " + line);
        Files.writeString(Path.of("target", "scale-out-figures.txt"), line + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
