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
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED", "-Dquarkus.http.port=" + port));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        Process process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
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
                    return process;
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

    static String baseUrl(int port) {
        return "http://localhost:" + port + "/";
    }

    /** Stops the app and what it started (its embedded PostgreSQL runs detached: found by working directory). */
    static void stopAll(List<Process> processes, Path workingDirectory) throws InterruptedException {
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        // A server orphaned by a hard kill and never adopted would otherwise outlive the test.
        ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args)
                        .contains(workingDirectory.toString())).orElse(false))
                .forEach(ProcessHandle::destroy);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
