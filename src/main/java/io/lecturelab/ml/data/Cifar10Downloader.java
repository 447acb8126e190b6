package io.lecturelab.ml.data;

import io.lecturelab.ml.MlException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Downloads the official CIFAR-10 binary archive for machines that do not have the data, verifies its sha256,
 * extracts the {@code .bin} files and {@code batches.meta.txt}, derives {@link Cifar10Files#CAT_DOG_TRAIN_FILE}
 * from the five training batches, and publishes them atomically: everything is written into a temporary folder
 * next to the target, which is renamed to the target only when complete, so a failed or interrupted download never
 * leaves a half-written dataset behind.
 */
public final class Cifar10Downloader {

    private static final String WORK_PREFIX = ".cifar10-download-";
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

    public static final URI OFFICIAL_URI = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    /** sha256 of the official archive (170,052,171 bytes), as published by several independent projects. */
    public static final String OFFICIAL_SHA256 = "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd";

    /** The training batches of the official archive, in order. */
    public static final List<String> TRAINING_BATCHES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");

    /** Download progress; {@code totalBytes} is -1 when the server does not say. */
    @FunctionalInterface
    public interface Progress {
        void onProgress(long bytesDone, long totalBytes);

        /** The archive is complete and its checksum is right; extracting and deriving files comes next. */
        default void onUnpacking() {
        }
    }

    private static final int CAT = 3;
    private static final int DOG = 5;

    /** A connection that brings no data for this long is given up (a stalled connection never ends by itself). */
    public static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;
    private final Duration stallTimeout;

    public Cifar10Downloader() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build(), STALL_TIMEOUT);
    }

    public Cifar10Downloader(HttpClient client) {
        this(client, STALL_TIMEOUT);
    }

    public Cifar10Downloader(HttpClient client, Duration stallTimeout) {
        this.client = client;
        this.stallTimeout = stallTimeout;
    }

    /** Downloads the official archive into {@code target}. */
    public Path download(Path target, Progress progress) {
        return download(OFFICIAL_URI, OFFICIAL_SHA256, target, progress);
    }

    /**
     * Downloads {@code source}, checks that its sha256 equals {@code expectedSha256}, extracts the CIFAR-10
     * files and moves them into {@code target} (which must not exist yet, or be empty).
     *
     * @return the target folder
     * @throws MlException {@code ml.error.download} for network/HTTP errors, {@code ml.error.downloadTruncated}
     *                     when the connection broke off, {@code ml.error.downloadChecksum} for a checksum mismatch,
     *                     {@code ml.error.downloadContent} for an archive without the CIFAR-10 files or with
     *                     malformed ones, {@code ml.error.datasetFolder} when the target cannot be written or is
     *                     not empty
     */
    public Path download(URI source, String expectedSha256, Path target, Progress progress) {
        Path parent = target.toAbsolutePath().getParent();
        Path work = null;
        try {
            try {
                Files.createDirectories(parent);
                if (Files.isDirectory(target)) {
                    try (Stream<Path> s = Files.list(target)) {
                        if (s.findAny().isPresent()) {
                            throw new MlException("ml.error.datasetFolder", "target folder " + target
                                    + " is not empty");
                        }
                    }
                }
                work = Files.createTempDirectory(parent, WORK_PREFIX);
                removeAbandonedWork(parent, work);
            } catch (IOException e) {
                throw new MlException("ml.error.datasetFolder", "cannot write next to " + target + ": " + e, e);
            }
            Path archive = work.resolve("archive.tar.gz");
            String actual = fetch(source, archive, progress);
            if (!actual.equalsIgnoreCase(expectedSha256)) {
                throw new MlException("ml.error.downloadChecksum", "downloaded archive has sha256 " + actual
                        + ", expected " + expectedSha256.toLowerCase(Locale.ROOT));
            }
            if (progress != null) {
                progress.onUnpacking();
            }
            try {
                Path extracted = Files.createDirectory(work.resolve("cifar10"));
                extract(archive, extracted);
                Files.delete(archive);
                deriveCatsDogs(TRAINING_BATCHES.stream().map(extracted::resolve).toList(),
                        extracted.resolve(Cifar10Files.CAT_DOG_TRAIN_FILE));
                publish(extracted, target);
            } catch (IOException e) {
                throw new MlException("ml.error.datasetFolder", "cannot unpack into " + work + ": " + e, e);
            }
            return target;
        } catch (IOException e) {
            throw new MlException("ml.error.download", "download of " + source + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlException("ml.error.download", "download of " + source + " was interrupted", e);
        } finally {
            if (work != null) {
                deleteRecursively(work);
            }
        }
    }

    private String fetch(URI source, Path archive, Progress progress) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(source).timeout(Duration.ofMinutes(30)).GET().build();
        try (Watchdog watchdog = new Watchdog(stallTimeout)) {
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                if (watchdog.fired()) {
                    throw new MlException("ml.error.download", source + " did not answer within "
                            + stallTimeout.toSeconds() + " s", e);
                }
                throw e;
            }
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new MlException("ml.error.download", "server answered HTTP " + response.statusCode()
                            + " for " + source);
                }
                long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (progress != null) {
                    progress.onProgress(0, total);
                }
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                long done = 0;
                try (InputStream in = new DigestInputStream(body, md);
                     OutputStream out = Files.newOutputStream(archive)) {
                    byte[] buf = new byte[1 << 16];
                    long lastReport = 0;
                    while (true) {
                        int r;
                        try {
                            r = in.read(buf);
                        } catch (IOException e) {
                            throw new MlException("ml.error.downloadTruncated", (watchdog.fired()
                                    ? "no data for " + stallTimeout.toSeconds() + " s" : "connection broke")
                                    + " after " + done + " bytes" + (total >= 0 ? " of " + total : "") + ": " + e, e);
                        }
                        if (r < 0) {
                            break;
                        }
                        watchdog.data();
                        out.write(buf, 0, r);
                        done += r;
                        if (progress != null && done - lastReport >= (1 << 20) && done != total) {
                            progress.onProgress(done, total);
                            lastReport = done;
                        }
                    }
                } catch (IOException e) {
                    throw new MlException("ml.error.datasetFolder", "cannot write " + archive + ": " + e, e);
                }
                if (total >= 0 && done != total) {
                    throw new MlException("ml.error.downloadTruncated", "download truncated: got " + done + " of "
                            + total + " bytes");
                }
                if (progress != null) {
                    progress.onProgress(done, total);
                }
                return HexFormat.of().formatHex(md.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Interrupts the downloading thread when no data came for a while, which ends its blocked read. */
    private static final class Watchdog implements AutoCloseable {

        private final Thread reader = Thread.currentThread();
        private final Thread thread;
        private volatile long lastData = System.nanoTime();
        private volatile boolean fired;

        Watchdog(Duration limit) {
            long limitNanos = limit.toNanos();
            long tickMillis = Math.max(10, limit.toMillis() / 4);
            thread = Thread.ofVirtual().name("cifar10-download-watchdog").start(() -> {
                try {
                    while (System.nanoTime() - lastData < limitNanos) {
                        Thread.sleep(tickMillis);
                    }
                    fired = true;
                    reader.interrupt();
                } catch (InterruptedException closed) {
                    // the download ended in time
                }
            });
        }

        void data() {
            lastData = System.nanoTime();
        }

        boolean fired() {
            return fired;
        }

        @Override
        public void close() {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (fired) {
                Thread.interrupted(); // its interrupt was for the read it ended, not for our caller
            }
        }
    }

    /**
     * Extracts *.bin and batches.meta.txt (from any folder inside the archive) flat into {@code dir}, and checks that
     * the training batches and the test batch are among them.
     */
    static void extract(Path archive, Path dir) throws IOException {
        try (InputStream raw = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                String name = entry.getName();
                String base = name.substring(name.lastIndexOf('/') + 1);
                boolean bin = base.endsWith(".bin");
                if (!(bin || base.equals("batches.meta.txt")) || base.startsWith(".") || base.contains("\\")) {
                    continue;
                }
                Path out = dir.resolve(base).normalize();
                if (!out.getParent().equals(dir.normalize())) {
                    throw new MlException("ml.error.downloadContent", "unexpected entry name " + name);
                }
                Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                if (bin) {
                    long size = Files.size(out);
                    if (size == 0 || size % Cifar10Reader.RECORD_BYTES != 0) {
                        throw new MlException("ml.error.downloadContent", "archive entry " + name + " has " + size
                                + " bytes, not a multiple of " + Cifar10Reader.RECORD_BYTES);
                    }
                }
            }
        } catch (IOException e) {
            throw new MlException("ml.error.downloadContent", "the archive cannot be unpacked: " + e, e);
        }
        List<String> missing = Stream.concat(TRAINING_BATCHES.stream(), Stream.of(Cifar10Files.TEST_FILE))
                .filter(name -> !Files.isRegularFile(dir.resolve(name))).toList();
        if (!missing.isEmpty()) {
            throw new MlException("ml.error.downloadContent", "the archive lacks the CIFAR-10 files " + missing);
        }
    }

    /**
     * Writes every cat (label 3) and dog (label 5) record of {@code batches}, in their order, to {@code out}: the
     * training file of the cat-versus-dog task.
     *
     * @return the number of records written
     */
    public static int deriveCatsDogs(List<Path> batches, Path out) throws IOException {
        int records = 0;
        byte[] record = new byte[Cifar10Reader.RECORD_BYTES];
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            for (Path batch : batches) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(batch), 1 << 16)) {
                    int n;
                    while ((n = in.readNBytes(record, 0, record.length)) == record.length) {
                        int label = record[0] & 0xFF;
                        if (label == CAT || label == DOG) {
                            o.write(record);
                            records++;
                        }
                    }
                    if (n != 0) {
                        throw new MlException("ml.error.downloadContent", batch.getFileName()
                                + " ends with a partial record of " + n + " bytes");
                    }
                }
            }
        }
        return records;
    }

    private static void publish(Path extracted, Path target) throws IOException {
        if (Files.isDirectory(target)) {
            Files.delete(target); // empty, checked before; an atomic rename needs it gone
        }
        try {
            Files.move(extracted, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new MlException("ml.error.datasetFolder", "cannot rename " + extracted + " to " + target
                    + " atomically", e);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new MlException("ml.error.datasetFolder", "target " + target + " appeared while downloading", e);
        }
    }

    /**
     * Removes the work folders of downloads that a killed server left behind: those in which nothing changed for
     * {@link #ABANDONED_AFTER} before {@code fresh} was made (a running download writes every few seconds, and a
     * stalled one gives up after a minute). The file system's own time is the clock, so no server clock is needed.
     */
    private static void removeAbandonedWork(Path parent, Path fresh) throws IOException {
        long now = Files.getLastModifiedTime(fresh).toMillis();
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(WORK_PREFIX)
                    && !p.equals(fresh) && Files.isDirectory(p)).toList()) {
                if (now - lastChange(p) > ABANDONED_AFTER.toMillis()) {
                    deleteRecursively(p);
                }
            }
        }
    }

    private static long lastChange(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            long latest = 0;
            for (Path p : walk.toList()) {
                latest = Math.max(latest, Files.getLastModifiedTime(p).toMillis());
            }
            return latest;
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temp folder is named .cifar10-download-* and harmless
                }
            });
        } catch (IOException ignored) {
            // best effort, see above
        }
    }
}
