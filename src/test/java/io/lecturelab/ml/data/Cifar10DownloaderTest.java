package io.lecturelab.ml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.lecturelab.ml.MlException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a local HTTP server serving a small archive built here, in the official layout. */
class Cifar10DownloaderTest {

    private HttpServer server;
    private byte[] archive;
    private byte[] trainBin;

    @BeforeEach
    void serve() throws Exception {
        trainBin = new byte[Cifar10Reader.RECORD_BYTES * 3];
        for (int i = 0; i < trainBin.length; i++) {
            trainBin[i] = (byte) (i % Cifar10Reader.RECORD_BYTES == 0 ? i % 10 : i * 31);
        }
        byte[] testBin = new byte[Cifar10Reader.RECORD_BYTES * 2];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            add(tar, "cifar-10-batches-bin/data_batch_1.bin", trainBin);
            add(tar, "cifar-10-batches-bin/test_batch.bin", testBin);
            add(tar, "cifar-10-batches-bin/batches.meta.txt", "airplane\nautomobile\n".getBytes(StandardCharsets.UTF_8));
            add(tar, "cifar-10-batches-bin/readme.html", "<html></html>".getBytes(StandardCharsets.UTF_8));
        }
        archive = bytes.toByteArray();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cifar-10-binary.tar.gz", exchange -> {
            exchange.sendResponseHeaders(200, archive.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(archive);
            }
        });
        server.start();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cifar-10-binary.tar.gz");
    }

    private String sha256() throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
    }

    @Test
    void downloadsVerifiesAndExtractsAtomically(@TempDir Path parent) throws Exception {
        Path target = parent.resolve("cifar10");
        List<long[]> progress = new ArrayList<>();
        new Cifar10Downloader().download(uri(), sha256(), target, (done, total) -> progress.add(new long[] {done, total}));
        assertArrayEquals(trainBin, Files.readAllBytes(target.resolve("data_batch_1.bin")));
        assertTrue(Files.isRegularFile(target.resolve("test_batch.bin")));
        assertTrue(Files.isRegularFile(target.resolve("batches.meta.txt")));
        assertFalse(Files.exists(target.resolve("readme.html")));
        assertEquals(3, Cifar10Reader.read(target.resolve("data_batch_1.bin")).size());
        long[] last = progress.get(progress.size() - 1);
        assertEquals(archive.length, last[0]);
        assertEquals(archive.length, last[1]);
        assertEquals(List.of(target), children(parent), "no temporary files left");
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
                    s.getInputStream().read(new byte[8192]);
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + archive.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(archive, 0, archive.length / 2);
                    out.flush();
                } catch (IOException ignored) {
                    // the test checks the client side
                }
            });
            Path target = parent.resolve("cifar10");
            String sha = sha256();
            URI uri = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/cifar-10-binary.tar.gz");
            MlException e = assertThrows(MlException.class,
                    () -> new Cifar10Downloader().download(uri, sha, target, null));
            assertEquals("ml.error.download", e.messageKey());
            assertFalse(Files.exists(target));
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

    private static List<Path> children(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
