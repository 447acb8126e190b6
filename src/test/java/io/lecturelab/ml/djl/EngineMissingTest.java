package io.lecturelab.ml.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a usable PyTorch native library the classifier says so ({@code ml.error.engineMissing}) instead of DJL's
 * "Offline mode is enabled". Made to fail for real in a child JVM: DJL is told to use a PyTorch version whose
 * natives are not on the classpath, with an empty cache and offline mode, so it cannot find or fetch them.
 */
class EngineMissingTest {

    @Test
    void a_missing_pytorch_native_gives_the_engine_missing_message(@TempDir Path cache) throws Exception {
        List<String> out = probe(cache, "-DPYTORCH_VERSION=9.9.9");
        assertThat(out).contains("KEY=ml.error.engineMissing");
        assertThat(String.join("\n", out)).contains("pytorch-native-cpu");
    }

    @Test
    void a_class_the_engine_needs_but_cannot_see_is_named_every_time_and_logged_once(@TempDir Path cache)
            throws Exception {
        // DJL without SLF4J beside it: what a packaged app did when DJL sat in lib/boot and SLF4J in lib/main
        String withoutSlf4j = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("slf4j-api"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> out = probeWithClassPath(cache, withoutSlf4j);
        assertThat(out).filteredOn(l -> l.startsWith("KEY=")).containsExactly("KEY=ml.error.engineClassMissing",
                "KEY=ml.error.engineClassMissing");
        assertThat(out).filteredOn(l -> l.startsWith("MESSAGE=")).hasSize(2)
                .allMatch(l -> l.contains("org.slf4j.LoggerFactory"), "names the missing class")
                .noneMatch(l -> l.contains("native library"));
        String log = String.join("\n", out);
        assertThat(log.split("The PyTorch engine cannot start", -1)).as("logged once").hasSize(2);
        assertThat(log).contains("at ai.djl.engine.Engine");
    }

    @Test
    void the_same_probe_loads_the_engine_when_the_native_is_there(@TempDir Path cache) throws Exception {
        // the control: proves the probe above fails because of the missing native, not because of the set-up
        List<String> out = probe(cache);
        assertThat(out).anyMatch(l -> l.startsWith("LOADED "));
    }

    private static List<String> probe(Path cache, String... extra) throws IOException, InterruptedException {
        return probeWithClassPath(cache, System.getProperty("java.class.path"), extra);
    }

    private static List<String> probeWithClassPath(Path cache, String classPath, String... extra)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", classPath,
                "-Dai.djl.offline=true",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", // as in the application
                "-DDJL_CACHE_DIR=" + cache.resolve("djl"),
                "-DENGINE_CACHE_DIR=" + cache.resolve("engine")));
        command.addAll(List.of(extra));
        command.add(EngineMissingProbe.class.getName());
        Path log = cache.resolve("out.txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(cache.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("probe did not finish: " + Files.readString(log));
        }
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }
}
