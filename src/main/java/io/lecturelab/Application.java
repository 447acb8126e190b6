package io.lecturelab;

import io.lecturelab.base.EmbeddedDatabase;
import io.lecturelab.base.SessionKey;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.nio.file.Path;

/**
 * Starts LectureLab. Without a configured datasource URL it first starts an embedded PostgreSQL whose data lives
 * in {@code lecturelab.data-dir} (default {@code data/}), so the app runs on a machine with nothing but a JDK. The
 * same folder keeps the sign-in cookie key.
 */
@QuarkusMain
public final class Application {

    Application() {
    }

    public static void main(String... args) {
        // The ML engine must never call home; these are DJL's documented switches.
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        Path dataDir = Path.of(System.getProperty("lecturelab.data-dir",
                System.getenv().getOrDefault("LECTURELAB_DATA_DIR", "data")));
        SessionKey.provide(dataDir);
        if (EmbeddedDatabase.isWanted()) {
            try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir.resolve("postgres").toAbsolutePath())) {
                database.exportAsDatasource();
                Quarkus.run(args);
            }
        } else {
            Quarkus.run(args);
        }
    }
}
