package io.lecturelab.base;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * An uploaded file on its way into the database: streamed from the request into a temporary file, counting its
 * bytes (refused as soon as one more than the limit arrives) and hashing them, then read back in chunks by the
 * transaction that stores it. A refused, cut-off or interrupted upload leaves only the temporary file, which
 * {@link #close} deletes ({@link Uploads} clears what a killed server left behind).
 */
public final class ReceivedFile implements AutoCloseable {

    /** Name prefix of the temporary files uploads stream to. */
    public static final String PREFIX = "upload-";

    /** Writes one chunk of a stored file. */
    @FunctionalInterface
    public interface ChunkWriter {
        void write(int seq, byte[] data);
    }

    private final String name;
    private final Path path;
    private final long size;
    private final String sha256;

    private ReceivedFile(String name, Path path, long size, String sha256) {
        this.name = name;
        this.path = path;
        this.size = size;
        this.sha256 = sha256;
    }

    /**
     * Streams {@code content} to a temporary file. An empty upload, or one past {@code maxBytes}, is refused with
     * {@code tooLarge}; nothing is kept then.
     *
     * @throws IOException when reading {@code content} fails (e.g. the browser stopped sending)
     */
    static ReceivedFile receive(Path folder, String fileName, InputStream content, long maxBytes,
                                Supplier<? extends RuntimeException> tooLarge) throws IOException {
        Path temp = Files.createTempFile(folder, PREFIX, ".part");
        try {
            MessageDigest digest = newDigest();
            long size;
            try (InputStream in = new DigestInputStream(new LimitedInputStream(content, maxBytes, tooLarge), digest);
                 OutputStream out = Files.newOutputStream(temp)) {
                size = in.transferTo(out);
            }
            if (size == 0) {
                throw tooLarge.get();
            }
            return new ReceivedFile(safeName(fileName), temp, size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** A file name as the user gave it, without path separators or control characters. */
    public static String safeName(String fileName) {
        return fileName == null ? "" : fileName.replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
    }

    /** The lower-case extension of a name ({@code ""} without one). */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    public String name() {
        return name;
    }

    public String extension() {
        return extension(name);
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    /** Hands the contents to {@code writer} in chunks of {@code chunkBytes}, numbered from 0. */
    public void writeChunks(int chunkBytes, ChunkWriter writer) {
        try (InputStream in = Files.newInputStream(path)) {
            int seq = 0;
            for (byte[] chunk = in.readNBytes(chunkBytes); chunk.length > 0; chunk = in.readNBytes(chunkBytes)) {
                writer.write(seq++, chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
