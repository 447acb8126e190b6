package io.lecturelab.ml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.lecturelab.ml.MlException;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.testsupport.SyntheticCifar10;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a local HTTP server serving a small archive built here, in the official layout. */
class Cifar10DownloaderTest {

    private HttpServer server;
    private SyntheticCifar10 data;
    private byte[] archive;

    @BeforeEach
    void serve() throws Exception {
        data = SyntheticCifar10.create(30, 1);
        archive = data.archive;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cifar-10-binary.tar.gz", exchange -> {
            exchange.sendResponseHeaders(200, archive.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(archive);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cifar-10-binary.tar.gz");
    }

    private String sha256() {
        return SyntheticCifar10.sha256(archive);
    }

    @Test
    void downloadsVerifiesExtractsAndDerivesAtomically(@TempDir Path parent) throws Exception {
        Path target = parent.resolve("cifar10");
        List<long[]> progress = new ArrayList<>();
        new Cifar10Downloader().download(uri(), sha256(), target,
                (done, total) -> progress.add(new long[] {done, total}));
        assertArrayEquals(data.trainingBatches.get(0), Files.readAllBytes(target.resolve("data_batch_1.bin")));
        assertArrayEquals(data.trainingBatches.get(4), Files.readAllBytes(target.resolve("data_batch_5.bin")));
        assertArrayEquals(data.testBatch, Files.readAllBytes(target.resolve("test_batch.bin")));
        assertArrayEquals(data.catsAndDogs(), Files.readAllBytes(target.resolve("cats_dogs_train.bin")));
        assertTrue(Files.isRegularFile(target.resolve("batches.meta.txt")));
        assertFalse(Files.exists(target.resolve("readme.html")));
        assertEquals(30, Cifar10Reader.read(target.resolve("data_batch_1.bin")).size());
        assertTrue(new Cifar10Files(target).complete());
        long[] last = progress.get(progress.size() - 1);
        assertEquals(archive.length, last[0]);
        assertEquals(archive.length, last[1]);
        assertEquals(List.of(target), children(parent), "no temporary files left");
    }

    @Test
    void workLeftBehindByAKilledServerIsRemovedButARunningDownloadIsNot(@TempDir Path parent) throws Exception {
        Path abandoned = Files.createDirectories(parent.resolve(".cifar10-download-111/cifar10"));
        Files.write(abandoned.resolve("data_batch_1.bin"), new byte[3073]);
        FileTime longAgo = FileTime.fromMillis(System.currentTimeMillis()
                - Cifar10Downloader.ABANDONED_AFTER.toMillis() - 60_000);
        try (var walk = Files.walk(parent.resolve(".cifar10-download-111"))) {
            for (Path p : walk.toList()) {
                Files.setLastModifiedTime(p, longAgo);
            }
        }
        Path running = Files.createDirectories(parent.resolve(".cifar10-download-222"));
        Files.write(running.resolve("archive.tar.gz"), new byte[10]);
        Path target = parent.resolve("cifar10");
        new Cifar10Downloader().download(uri(), sha256(), target, null);
        assertEquals(java.util.Set.of(running, target), java.util.Set.copyOf(children(parent)));
    }

    @Test
    void anArchiveWithoutTheTrainingBatchesLeavesNothingBehind(@TempDir Path parent) {
        archive = SyntheticCifar10.tarGz(Map.of("cifar-10-batches-bin/test_batch.bin", data.testBatch,
                "cifar-10-batches-bin/readme.html", "<html></html>".getBytes(StandardCharsets.UTF_8)));
        Path target = parent.resolve("cifar10");
        String sha = sha256();
        MlException e = assertThrows(MlException.class,
                () -> new Cifar10Downloader().download(uri(), sha, target, null));
        assertEquals("ml.error.downloadContent", e.messageKey());
        assertTrue(e.getMessage().contains("data_batch_1.bin"), e.getMessage());
        assertEquals(List.of(), children(parent));
    }

    @Test
    void aFileThatIsNoArchiveIsAContentError(@TempDir Path parent) {
        archive = "<html>moved</html>".getBytes(StandardCharsets.UTF_8);
        String sha = sha256();
        MlException e = assertThrows(MlException.class,
                () -> new Cifar10Downloader().download(uri(), sha, parent.resolve("cifar10"), null));
        assertEquals("ml.error.downloadContent", e.messageKey());
        assertEquals(List.of(), children(parent));
    }

    @Test
    void aFolderWithOtherFilesIsLeftAlone(@TempDir Path parent) throws IOException {
        Path target = Files.createDirectories(parent.resolve("cifar10"));
        Files.writeString(target.resolve("notes.txt"), "mine");
        String sha = sha256();
        MlException e = assertThrows(MlException.class,
                () -> new Cifar10Downloader().download(uri(), sha, target, null));
        assertEquals("ml.error.datasetFolder", e.messageKey());
        assertEquals(List.of(target.resolve("notes.txt")), children(target));
        assertEquals(List.of(target), children(parent));
    }

    @Test
    void theCatDogFileKeepsEveryCatAndDogInOrder(@TempDir Path dir) throws IOException {
        List<Path> batches = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            batches.add(Files.write(dir.resolve("data_batch_" + (b + 1) + ".bin"), data.trainingBatches.get(b)));
        }
        Path out = dir.resolve("cats_dogs_train.bin");
        int records = Cifar10Downloader.deriveCatsDogs(batches, out);
        // labels (i * 7 + batch) % 10 over 30 records: three cats and three dogs in each batch
        assertEquals(30, records);
        byte[] derived = Files.readAllBytes(out);
        assertArrayEquals(data.catsAndDogs(), derived);
        LabelledImages images = Cifar10Reader.read(out);
        for (int i = 0; i < images.size(); i++) {
            int label = images.label(i);
            assertTrue(label == 3 || label == 5, "record " + i + " has label " + label);
        }
        // batch 1's first cat or dog is its record 5 (35 % 10 = 5); batch 5's last is its record 27 (193 % 10 = 3)
        int r = Cifar10Reader.RECORD_BYTES;
        assertArrayEquals(Arrays.copyOfRange(data.trainingBatches.get(0), 5 * r, 6 * r),
                Arrays.copyOfRange(derived, 0, r));
        assertArrayEquals(Arrays.copyOfRange(data.trainingBatches.get(4), 27 * r, 28 * r),
                Arrays.copyOfRange(derived, derived.length - r, derived.length));
    }

    @Test
    void theSharedCatDogFileStartsWithTheCatsAndDogsOfBatchOne(@TempDir Path dir) throws IOException {
        Path shared = MlTestData.dir();
        Path out = dir.resolve("cats_dogs_of_batch_1.bin");
        int records = Cifar10Downloader.deriveCatsDogs(List.of(shared.resolve("data_batch_1.bin")), out);
        assertEquals(1953, records);
        byte[] derived = Files.readAllBytes(out);
        byte[] prefix;
        try (InputStream in = Files.newInputStream(shared.resolve("cats_dogs_train.bin"))) {
            prefix = in.readNBytes(derived.length);
        }
        assertArrayEquals(prefix, derived);
    }

    @Test
    void aWrongChecksumLeavesNothingBehind(@TempDir Path parent) {
        Path target = parent.resolve("cifar10");
        MlException e = assertThrows(MlException.class,
                () -> new Cifar10Downloader().download(uri(), "00".repeat(32), target, null));
        assertEquals("ml.error.downloadChecksum", e.messageKey());
        assertFalse(Files.exists(target));
        assertEquals(List.of(), children(parent));
    }

    @Test
    void aTruncatedDownloadLeavesNothingBehind(@TempDir Path parent) throws Exception {
        // A raw socket announces the full length, sends half and hangs up, as a broken connection does.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> {
                try (Socket s = socket.accept()) {
                    announceAllAndSend(s, archive.length / 2);
                } catch (IOException ignored) {
                    // the test checks the client side
                }
            });
            Path target = parent.resolve("cifar10");
            String sha = sha256();
            URI uri = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/cifar-10-binary.tar.gz");
            MlException e = assertThrows(MlException.class,
                    () -> new Cifar10Downloader().download(uri, sha, target, null));
            assertEquals("ml.error.downloadTruncated", e.messageKey());
            assertFalse(Files.exists(target));
            assertEquals(List.of(), children(parent));
            t.join();
        }
    }

    @Test
    void aStalledConnectionIsGivenUp(@TempDir Path parent) throws Exception {
        // A raw socket announces the full length, sends a little and then sends nothing, without hanging up.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch done = new CountDownLatch(1);
            Thread t = Thread.ofVirtual().start(() -> {
                try (Socket s = socket.accept()) {
                    announceAllAndSend(s, 1000);
                    done.await(30, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException ignored) {
                    // the test checks the client side
                }
            });
            Path target = parent.resolve("cifar10");
            String sha = sha256();
            URI uri = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/cifar-10-binary.tar.gz");
            Cifar10Downloader impatient = new Cifar10Downloader(HttpClient.newHttpClient(), Duration.ofMillis(300));
            MlException e = assertThrows(MlException.class, () -> impatient.download(uri, sha, target, null));
            done.countDown();
            assertEquals("ml.error.downloadTruncated", e.messageKey());
            assertTrue(e.getMessage().contains("no data"), e.getMessage());
            assertFalse(Thread.currentThread().isInterrupted());
            assertEquals(List.of(), children(parent));
            t.join();
        }
    }

    @Test
    void aMissingFileIsAnHttpError(@TempDir Path parent) {
        URI missing = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/nothing.tar.gz");
        MlException e = assertThrows(MlException.class,
                () -> new Cifar10Downloader().download(missing, "00".repeat(32), parent.resolve("x"), null));
        assertEquals("ml.error.download", e.messageKey());
        assertTrue(e.getMessage().contains("404"), e.getMessage());
        assertEquals(List.of(), children(parent));
    }

    /** Reads the request, answers with the whole archive's length, and sends only its first {@code bytes}. */
    private void announceAllAndSend(Socket s, int bytes) throws IOException {
        s.getInputStream().read(new byte[8192]);
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + archive.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(archive, 0, bytes);
        out.flush();
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
