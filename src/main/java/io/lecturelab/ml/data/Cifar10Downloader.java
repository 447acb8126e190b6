package io.lecturelab.ml.data;

import io.lecturelab.ml.MlException;
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
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Downloads the official CIFAR-10 binary archive for machines that do not have the data, verifies its sha256,
 * extracts the {@code .bin} files and {@code batches.meta.txt}, and publishes them atomically: everything is
 * written into a temporary folder next to the target, which is renamed to the target only when complete, so a
 * failed or interrupted download never leaves a half-written dataset behind.
 */
public final class Cifar10Downloader {

    public static final URI OFFICIAL_URI = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    /** sha256 of the official archive (170,052,171 bytes), as published by several independent projects. */
    public static final String OFFICIAL_SHA256 = "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd";

    /** Download progress; {@code totalBytes} is -1 when the server does not say. */
    @FunctionalInterface
    public interface Progress {
        void onProgress(long bytesDone, long totalBytes);
    }

    private final HttpClient client;

    public Cifar10Downloader() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    public Cifar10Downloader(HttpClient client) {
        this.client = client;
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
     * @throws MlException {@code ml.error.download} for network/HTTP errors and truncated downloads,
     *                     {@code ml.error.downloadChecksum} for a checksum mismatch, {@code ml.error.datasetCorrupt}
     *                     for an archive without CIFAR-10 files or with malformed ones
     */
    public Path download(URI source, String expectedSha256, Path target, Progress progress) {
        Path parent = target.toAbsolutePath().getParent();
        Path work = null;
        try {
            Files.createDirectories(parent);
            if (Files.isDirectory(target)) {
                try (Stream<Path> s = Files.list(target)) {
                    if (s.findAny().isPresent()) {
                        throw new MlException("ml.error.download", "target folder " + target + " is not empty");
                    }
                }
            }
            work = Files.createTempDirectory(parent, ".cifar10-download-");
            Path archive = work.resolve("archive.tar.gz");
            String actual = fetch(source, archive, progress);
            if (!actual.equalsIgnoreCase(expectedSha256)) {
                throw new MlException("ml.error.downloadChecksum", "downloaded archive has sha256 " + actual
                        + ", expected " + expectedSha256.toLowerCase(Locale.ROOT));
            }
            Path extracted = Files.createDirectory(work.resolve("cifar10"));
            extract(archive, extracted);
            Files.delete(archive);
            publish(extracted, target);
            return target;
        } catch (IOException e) {
            throw new MlException("ml.error.download", "download of " + source + " failed: " + e.getMessage(), e);
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
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new MlException("ml.error.download", "server answered HTTP " + response.statusCode()
                        + " for " + source);
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long done = 0;
            try (InputStream in = new DigestInputStream(body, md); OutputStream out = Files.newOutputStream(archive)) {
                byte[] buf = new byte[1 << 16];
                int r;
                long lastReport = -1;
                while ((r = in.read(buf)) > 0) {
                    out.write(buf, 0, r);
                    done += r;
                    if (progress != null && (done - lastReport >= (1 << 20) || done == total)) {
                        progress.onProgress(done, total);
                        lastReport = done;
                    }
                }
            } catch (IOException e) {
                throw new MlException("ml.error.download", "connection broke after " + done + " bytes"
                        + (total >= 0 ? " of " + total : "") + ": " + e.getMessage(), e);
            }
            if (total >= 0 && done != total) {
                throw new MlException("ml.error.download", "download truncated: got " + done + " of " + total
                        + " bytes");
            }
            if (progress != null) {
                progress.onProgress(done, total);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Extracts *.bin and batches.meta.txt (from any folder inside the archive) flat into {@code dir}. */
    static void extract(Path archive, Path dir) throws IOException {
        int binFiles = 0;
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
                    throw new MlException("ml.error.datasetCorrupt", "unexpected entry name " + name);
                }
                Files.copy(tar, out);
                if (bin) {
                    long size = Files.size(out);
                    if (size == 0 || size % Cifar10Reader.RECORD_BYTES != 0) {
                        throw new MlException("ml.error.datasetCorrupt", "archive entry " + name + " has " + size
                                + " bytes, not a multiple of " + Cifar10Reader.RECORD_BYTES);
                    }
                    binFiles++;
                }
            }
        }
        if (binFiles == 0) {
            throw new MlException("ml.error.datasetCorrupt", "the archive contains no CIFAR-10 .bin files");
        }
    }

    private static void publish(Path extracted, Path target) throws IOException {
        if (Files.isDirectory(target)) {
            Files.delete(target); // empty, checked before; an atomic rename needs it gone
        }
        try {
            Files.move(extracted, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new MlException("ml.error.download", "cannot rename " + extracted + " to " + target
                    + " atomically", e);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new MlException("ml.error.download", "target " + target + " appeared while downloading", e);
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
