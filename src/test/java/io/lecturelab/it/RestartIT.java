package io.lecturelab.it;

import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.options.FilePayload;
import io.lecturelab.testsupport.BrowserSession;
import io.quarkus.elytron.security.common.BcryptUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The packaged app as a user runs it: no database configured, so it starts its embedded PostgreSQL in its data
 * folder. What was saved is still there after a normal stop and after a hard kill; that database keeps what it
 * acknowledged and admits only the password kept in the data folder. Also reports start-up time and memory
 * (reported, not asserted: speed goals belong to the benchmark).
 */
class RestartIT {

    private static final String ADMIN_PASSWORD = "restart-admin-secret";
    private static final String STUDENT_PASSWORD = "restart-student-secret";

    @TempDir
    Path workingDirectory;

    private final List<Process> started = new ArrayList<>();
    private int port;

    @Test
    void what_was_saved_survives_a_restart_and_a_hard_kill() throws Exception {
        port = PackagedApp.freePort();
        String overview = "재시작 후에도 남아 있어야 합니다 " + UUID.randomUUID();

        Process first = start("first start (new data folder)");
        assertDatabaseIsDurableAndNeedsItsPassword();
        try (BrowserSession instructor = new BrowserSession(baseUrl(), "ko-KR")) {
            instructor.signIn("admin", ADMIN_PASSWORD).open("courses/1/settings");
            instructor.page.locator("#settings-overview textarea").fill(overview);
            instructor.page.locator("#save-settings").click();
            assertThat(instructor.page.locator("vaadin-notification-card")).containsText("저장했습니다");

            stop(first);
            start("restart after a normal stop");
            // The same browser is still signed in: the cookie key is kept in the data folder.
            instructor.open("courses/1");
            assertThat(instructor.page.locator(".course-home")).containsText(overview);
        }

        Process second = started.getLast();
        second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        start("restart after kill -9 (PostgreSQL orphaned)");
        try (BrowserSession student = new BrowserSession(baseUrl(), "en-US")) {
            student.signIn("admin", ADMIN_PASSWORD).open("courses/1");
            assertThat(student.page.locator(".course-home")).containsText(overview);
        }
        assertDatabaseIsDurableAndNeedsItsPassword();
        assertThat(Files.exists(workingDirectory.resolve("data/postgres/PG_VERSION"))).isTrue();
    }

    @Test
    void an_upload_cut_off_by_killing_the_server_leaves_no_partial_version_and_no_file() throws Exception {
        port = PackagedApp.freePort();
        Process app = start("first start (an upload under way)");
        String student = "20" + UUID.randomUUID().toString().substring(0, 8);
        long course;
        long assignment;
        try (Connection db = database()) {
            course = number(db, "select id from course where slug = ?", "deep-learning");
            long user = number(db, "insert into app_user (username, display_name, password_hash) values (?, ?, ?) "
                    + "returning id", student, "Upload Student", BcryptUtil.bcryptHash(STUDENT_PASSWORD, 4));
            number(db, "insert into course_member (course_id, user_id, role) values (?, ?, 'STUDENT') returning id",
                    course, user);
            assignment = number(db, "insert into assignment (course_id, kind, title, points, due_at, published) "
                    + "values (?, 'HOMEWORK', 'Upload under way', 10, now() + interval '7 days', true) "
                    + "returning id", course);
        }
        Path uploads = workingDirectory.resolve("data/uploads");
        try (BrowserSession browser = new BrowserSession(baseUrl(), "en-US")) {
            browser.signIn(student, STUDENT_PASSWORD).open("courses/" + course + "/assignments/" + assignment);
            // a slow line (64 KB/s up), so the 8 MB notebook is still arriving when the server dies
            CDPSession network = browser.page.context().newCDPSession(browser.page);
            network.send("Network.enable");
            JsonObject slow = new JsonObject();
            slow.addProperty("offline", false);
            slow.addProperty("latency", 0);
            slow.addProperty("downloadThroughput", -1);
            slow.addProperty("uploadThroughput", 64 * 1024);
            network.send("Network.emulateNetworkConditions", slow);
            browser.page.locator("#handin-upload input[type=file]").setInputFiles(new FilePayload("big.ipynb",
                    "application/x-ipynb+json", notebookOf(8 * 1024 * 1024)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partialUploads(uploads).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(partialUploads(uploads)).as("part of the upload reached the server").isNotEmpty();
            app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            report("killed with " + partialUploads(uploads).values().stream().mapToLong(Long::longValue).sum()
                    + " bytes of the upload received");
        }
        start("restart after kill -9 during an upload");
        assertThat(partialUploads(uploads)).as("unfinished uploads are removed at start").isEmpty();
        try (Connection db = database()) {
            assertThat(number(db, "select count(*) from submission where assignment_id = ?", assignment)).isZero();
            assertThat(number(db, "select count(*) from submission_file f join submission s on s.id = "
                    + "f.submission_id where s.assignment_id = ?", assignment)).isZero();
        }
    }

    private static Map<Path, Long> partialUploads(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Map.of();
        }
        Map<Path, Long> sizes = new HashMap<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                sizes.put(file, Files.size(file));
            }
        }
        sizes.values().removeIf(size -> size == 0);
        return sizes;
    }

    /** A valid notebook of about {@code bytes} bytes (one long markdown cell). */
    private static byte[] notebookOf(int bytes) {
        String text = "x".repeat(bytes);
        return ("{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [{\"cell_type\": "
                + "\"markdown\", \"metadata\": {}, \"source\": [\"" + text + "\"]}]}")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** A connection to the running app's own PostgreSQL (port from its postmaster.pid, line 4; its password). */
    private Connection database() throws IOException, SQLException {
        return DriverManager.getConnection(databaseUrl(), "postgres",
                Files.readString(workingDirectory.resolve("data/postgres.password")).strip());
    }

    private String databaseUrl() throws IOException {
        Path pid = workingDirectory.resolve("data/postgres/postmaster.pid");
        return "jdbc:postgresql://localhost:" + Files.readAllLines(pid).get(3).strip() + "/lecturelab";
    }

    private static long number(Connection db, String sql, Object... parameters) throws SQLException {
        try (var statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).isTrue();
                return result.getLong(1);
            }
        }
    }

    /** Asks the running app's own PostgreSQL (port from its postmaster.pid, line 4) how it is configured. */
    private void assertDatabaseIsDurableAndNeedsItsPassword() throws IOException, SQLException {
        Path passwordFile = workingDirectory.resolve("data/postgres.password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        String url = databaseUrl();
        try (Connection connection = database(); Statement statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet value = statement.executeQuery("show " + setting)) {
                    assertThat(value.next()).isTrue();
                    assertThat(value.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null).close())
                .as("a connection without the password").isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url + "?user=postgres").close())
                .as("a connection without the password").isInstanceOf(SQLException.class);
    }

    private Process start(String what) throws IOException, InterruptedException {
        long begin = System.nanoTime();
        Map<String, String> settings = new HashMap<>(PackagedApp.sharedDataset());
        settings.put("lecturelab.admin.password", ADMIN_PASSWORD);
        Process process = PackagedApp.start(workingDirectory, port, settings,
                workingDirectory.resolve("app-" + started.size() + ".log"), what);
        started.add(process);
        long millis = (System.nanoTime() - begin) / 1_000_000;
        report(String.format("%s: first page after %d ms; RSS app %d MiB, PostgreSQL %d MiB", what, millis,
                rssMiB(process.toHandle()), postgresRssMiB()));
        return process;
    }

    /**
     * SIGTERM, as Docker and Kubernetes stop a server: it must be gone well inside their grace period (30 s in
     * docker/), which the app's shutdown settings bound to ~15 s.
     */
    private static void stop(Process process) throws InterruptedException, IOException {
        long stopping = System.nanoTime();
        process.destroy();
        boolean stopped = process.waitFor(30, TimeUnit.SECONDS);
        report(String.format("stopped %.1f s after SIGTERM", (System.nanoTime() - stopping) / 1e9));
        assertThat(stopped).as("stops within the 30 s grace period").isTrue();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        PackagedApp.stopAll(started, workingDirectory);
    }

    private String baseUrl() {
        return PackagedApp.baseUrl(port);
    }

    /** The embedded server runs detached from the app: find its postmaster by data folder, then its backends. */
    private long postgresRssMiB() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().filter(c -> c.endsWith("postgres")).isPresent())
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args)
                        .contains(workingDirectory.toString())).orElse(false))
                .mapToLong(postmaster -> rssMiB(postmaster)
                        + postmaster.descendants().mapToLong(RestartIT::rssMiB).sum())
                .sum();
    }

    private static long rssMiB(ProcessHandle process) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                    .sum();
        } catch (IOException gone) {
            return 0;
        }
    }

    private static void report(String line) throws IOException {
        System.out.println("[startup] " + line);
        Path figures = Path.of("target", "startup-figures.txt");
        Files.writeString(figures, line + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }
}
