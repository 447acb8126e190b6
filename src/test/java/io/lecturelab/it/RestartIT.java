package io.lecturelab.it;

import io.lecturelab.testsupport.BrowserSession;
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

    /** Asks the running app's own PostgreSQL (port from its postmaster.pid, line 4) how it is configured. */
    private void assertDatabaseIsDurableAndNeedsItsPassword() throws IOException, SQLException {
        Path data = workingDirectory.resolve("data");
        Path passwordFile = data.resolve("postgres.password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        String databasePort = Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(3).strip();
        String url = "jdbc:postgresql://localhost:" + databasePort + "/lecturelab";
        try (Connection connection = DriverManager.getConnection(url, "postgres",
                Files.readString(passwordFile).strip());
             Statement statement = connection.createStatement()) {
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

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops within a minute").isTrue();
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
