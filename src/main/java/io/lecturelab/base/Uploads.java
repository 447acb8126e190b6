package io.lecturelab.base;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Where uploads wait while they stream in: {@code uploads/} in this server's data folder, which no other server
 * writes to. A server that was killed mid-upload leaves a partial file there, never a partial row; the next start
 * removes those files.
 */
@ApplicationScoped
public class Uploads {

    private static final Logger LOG = Logger.getLogger(Uploads.class);
    private final Path folder;

    Uploads(LectureLabConfig config) {
        this.folder = config.dataDir().resolve("uploads").toAbsolutePath();
    }

    /** The folder uploads stream to. */
    public Path folder() {
        return folder;
    }

    /** Streams an upload into this server's upload folder; see {@link ReceivedFile#receive}. */
    public ReceivedFile receive(String fileName, InputStream content, long maxBytes,
                                Supplier<? extends RuntimeException> tooLarge) throws IOException {
        Files.createDirectories(folder);
        return ReceivedFile.receive(folder, fileName, content, maxBytes, tooLarge);
    }

    void clearLeftovers(@Observes StartupEvent started) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var files = Files.list(folder)) {
            long removed = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(ReceivedFile.PREFIX)).toList()) {
                Files.deleteIfExists(file);
                removed++;
            }
            if (removed > 0) {
                LOG.infof("Removed %d unfinished upload(s) left by an earlier run", removed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
