package io.lecturelab.testsupport;

import io.lecturelab.base.ReceivedFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The uploads waiting in a server's upload folder: a test checks that a refused upload left none behind. */
public final class UploadFolder {

    private UploadFolder() {
    }

    public static Set<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(ReceivedFile.PREFIX))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
