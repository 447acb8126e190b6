package io.lecturelab.ml;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lecturelab.ml.data.Cifar10Downloader;
import io.lecturelab.ml.data.Cifar10Files;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one place tests find real CIFAR-10. In order: the shared copy ({@code cifar10} in system property
 * {@value #SHARED_PROPERTY}, default {@code ../shared/data}), the configured folder (system property
 * {@value ClassifierSettings#DATA_DIR_PROPERTY}, which the build sets from {@code -Dcifar10.dir}), then a per-user
 * cache ({@value #CACHE_PROPERTY}, default {@code ~/.cache/lecturelab/cifar10}). Where none has it, the official
 * archive is fetched once into that cache by the app's own downloader (checksum verified; it gives up within seconds
 * without a network; {@code -D}{@value #DOWNLOAD_PROPERTY}{@code =false} turns this off). Where that is impossible,
 * the tests that need the data are skipped with one line that says why. The answer is found once per test JVM.
 */
public final class MlTestData {

    /** The shared data folder, whose {@code cifar10} sub-folder is looked at first. */
    public static final String SHARED_PROPERTY = "test.lecturelab.shared-data";
    /** The per-user cache folder for CIFAR-10. */
    public static final String CACHE_PROPERTY = "test.lecturelab.cifar10-cache";
    /** {@code false}: never fetch CIFAR-10 for the tests. */
    public static final String DOWNLOAD_PROPERTY = "test.lecturelab.cifar10-download";
    /**
     * The answer, kept for the whole JVM: {@code @QuarkusTest} loads this class again in the app's class loader,
     * which must neither fetch again nor say again why it cannot. (Not under {@code lecturelab.}: the app rejects
     * unknown keys there.)
     */
    private static final String ANSWER_PROPERTY = "test.lecturelab.cifar10-answer";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    /** Where CIFAR-10 was found, or (when it was not) the one line that says why. */
    public record Lookup(Optional<Path> dir, String reason) {
    }

    private static Lookup lookup;

    private MlTestData() {
    }

    /** Looks for CIFAR-10 (and fetches it where it can) on the first call; later calls give the same answer. */
    public static synchronized Lookup lookup() {
        if (lookup == null) {
            String answer = System.getProperty(ANSWER_PROPERTY);
            if (answer != null) {
                lookup = answer.startsWith("dir:")
                        ? new Lookup(Optional.of(Path.of(answer.substring(4))), "CIFAR-10 in " + answer.substring(4))
                        : new Lookup(Optional.empty(), answer.substring(answer.indexOf(':') + 1));
            } else {
                lookup = find(candidates());
                System.setProperty(ANSWER_PROPERTY, lookup.dir().map(dir -> "dir:" + dir)
                        .orElse("skipped:" + lookup.reason()));
                if (lookup.dir().isEmpty()) {
                    System.out.println("[cifar10] " + lookup.reason());
                }
            }
        }
        return lookup;
    }

    /** The folder with CIFAR-10, if there is one. */
    public static Optional<Path> find() {
        return lookup().dir();
    }

    /** The folder with CIFAR-10; the calling test is skipped (with the reason) where there is none. */
    public static Path dir() {
        Lookup found = lookup();
        assumeTrue(found.dir().isPresent(), found.reason());
        return found.dir().orElseThrow();
    }

    /** Settings for tests: one thread per operation, given workers. */
    public static ClassifierSettings settings(int workers) {
        return ClassifierSettings.defaults().withTrainingWorkers(workers)
                .withMicroBatching(true)
                .withSliceSteps(20)
                .withDataDir(dir());
    }

    /** Disables a test class or method, before any of its set-up runs, where CIFAR-10 cannot be had. */
    public static final class Present implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Lookup found = lookup();
            return found.dir().isPresent()
                    ? ConditionEvaluationResult.enabled("CIFAR-10 in " + found.dir().get())
                    : ConditionEvaluationResult.disabled(found.reason());
        }
    }

    private static List<Path> candidates() {
        Set<Path> folders = new LinkedHashSet<>();
        folders.add(Path.of(System.getProperty(SHARED_PROPERTY, "../shared/data"), "cifar10"));
        String configured = System.getProperty(ClassifierSettings.DATA_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            folders.add(Path.of(configured));
        }
        folders.add(cache());
        return folders.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }

    private static Path cache() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("lecturelab").resolve("cifar10");
    }

    private static Lookup find(List<Path> folders) {
        Optional<Path> present = folders.stream().filter(dir -> new Cifar10Files(dir).complete()).findFirst();
        if (present.isPresent()) {
            return new Lookup(present, "CIFAR-10 in " + present.get());
        }
        String notFound = "CIFAR-10 not found in " + String.join(", ", folders.stream().map(Path::toString).toList());
        Path cache = folders.getLast();
        if ("false".equalsIgnoreCase(System.getProperty(DOWNLOAD_PROPERTY))) {
            return skipped(notFound + " and fetching it is off (" + DOWNLOAD_PROPERTY + "=false)");
        }
        if (!isEmptyOrAbsent(cache)) {
            return skipped(notFound + ", and the cache " + cache + " is incomplete (delete it to fetch again)");
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            new Cifar10Downloader(client, STALL_TIMEOUT).download(cache, (done, total) -> {
                if (done == 0) {
                    System.out.printf("[cifar10] %s; fetching it once (%d MB) into %s%n", notFound,
                            total >> 20, cache);
                }
            });
            return new Lookup(Optional.of(cache), "CIFAR-10 fetched into " + cache);
        } catch (RuntimeException e) {
            return skipped(notFound + ", and fetching it failed (" + e.getMessage() + ")");
        }
    }

    private static Lookup skipped(String why) {
        return new Lookup(Optional.empty(), (why + ": tests that need it are skipped").replaceAll("\\s+", " "));
    }

    private static boolean isEmptyOrAbsent(Path folder) {
        if (!Files.isDirectory(folder)) {
            return !Files.exists(folder);
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
