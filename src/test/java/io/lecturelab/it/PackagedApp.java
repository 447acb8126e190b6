package io.lecturelab.it;

import io.lecturelab.ml.MlTestData;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar started as a user starts it: its own working directory (so its embedded PostgreSQL lives in
 * {@code data/} there), a port, and settings as system properties.
 */
final class PackagedApp {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();

    private PackagedApp() {
    }

    /**
     * Settings every test app gets unless it says otherwise: the CIFAR-10 folder the tests found ({@link MlTestData};
     * where there is none, a folder without it), and no download from the internet.
     */
    static Map<String, String> sharedDataset() {
        Path cifar10 = MlTestData.find().orElse(Path.of("target", "no-cifar10"));
        return Map.of("lecturelab.ml.cifar10-dir", cifar10.toAbsolutePath().toString(),
                "lecturelab.ml.dataset-download", "manual");
    }

    /** Starts the jar and waits (up to two minutes) until its sign-in page answers; the log goes to {@code log}. */
    static Process start(Path workingDirectory, int port, Map<String, String> settings, Path log, String what)
            throws IOException, InterruptedException {
        Process process = launch(workingDirectory, port, settings, log);
        awaitSignInPage(process, port, log, what);
        return process;
    }

    /**
     * Starts the jar and returns at once, so that a caller can keep the process (to stop it and show its log even
     * when it never answers) and do other work while it starts; {@link #awaitSignInPage} waits for it.
     */
    static Process launch(Path workingDirectory, int port, Map<String, String> settings, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED", "-Dquarkus.http.port=" + port));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        return new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Waits (up to two minutes) until the app's sign-in page answers; fails with its log if it stops first. */
    static void awaitSignInPage(Process process, int port, Path log, String what)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI login = URI.create(baseUrl(port) + "login");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The app stopped during " + what + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(login).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No page within 120 s during " + what + ":\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    /** The last {@code lines} lines of a log (what there is of it; never fails). */
    static String logTail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    static String baseUrl(int port) {
        return "http://localhost:" + port + "/";
    }

    /**
     * Stops the app and what it started (its embedded PostgreSQL runs detached: found by working directory). Whatever
     * has not stopped 30 s after the polite request is killed, so that no test leaves a process behind.
     */
    static void stopAll(List<Process> processes, Path workingDirectory) throws InterruptedException {
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                System.out.println("[stop] pid " + process.pid() + " in " + workingDirectory
                        + " did not stop within 30 s of SIGTERM: killed");
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        // A server orphaned by a hard kill and never adopted would otherwise outlive the test.
        List<ProcessHandle> orphans = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args)
                        .contains(workingDirectory.toString())).orElse(false))
                .toList();
        orphans.forEach(ProcessHandle::destroy);
        for (ProcessHandle orphan : orphans) {
            try {
                orphan.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                orphan.destroyForcibly();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
