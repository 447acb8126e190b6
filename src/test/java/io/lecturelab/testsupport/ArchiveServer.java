package io.lecturelab.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web server on 127.0.0.1 that serves one file at {@code /cifar-10-binary.tar.gz}, as the dataset's home does.
 * A test can swap the file, make the next answer stop at given offsets until it says go on, or break off.
 */
public final class ArchiveServer implements AutoCloseable {

    private static final String PATH = "/cifar-10-binary.tar.gz";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile byte[] body;
    private volatile long[] pauses = new long[0];
    private volatile long breakAfter = -1;
    private final Semaphore paused = new Semaphore(0);
    private final Semaphore resume = new Semaphore(0);

    public ArchiveServer(byte[] body) {
        this.body = body;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext(PATH, this::answer);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** Serves {@code content} from the next request on. */
    public void serve(byte[] content) {
        body = content;
    }

    /** The next answer stops after each of these offsets until {@link #resume()}. */
    public void pauseAt(long... offsets) {
        pauses = offsets.clone();
    }

    /** The next answer announces the full length but hangs up after {@code bytes}. */
    public void breakAfter(long bytes) {
        breakAfter = bytes;
    }

    /** Waits until the answer has stopped at its next offset (sent, not necessarily read yet). */
    public void awaitPause() throws InterruptedException {
        if (!paused.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the download did not reach the pause");
        }
    }

    public void resume() {
        resume.release();
    }

    public int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] content = body;
        long[] stops = pauses;
        pauses = new long[0];
        long hangUp = breakAfter;
        breakAfter = -1;
        exchange.sendResponseHeaders(200, content.length);
        OutputStream out = exchange.getResponseBody();
        int sent = 0;
        try {
            for (long stop : stops) {
                out.write(content, sent, (int) stop - sent);
                out.flush();
                sent = (int) stop;
                paused.release();
                if (!resume.tryAcquire(60, TimeUnit.SECONDS)) {
                    throw new IOException("the test never said go on");
                }
            }
            if (hangUp >= 0) {
                out.write(content, sent, (int) hangUp - sent);
                out.flush();
                throw new IOException("hanging up after " + hangUp + " bytes"); // the server drops the connection
            }
            out.write(content, sent, content.length - sent);
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
