package io.lecturelab.base;

import io.quarkus.narayana.jta.QuarkusTransaction;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A stored file's contents, read one stored chunk at a time, each in its own short transaction: a download holds
 * neither the whole file in memory nor a database connection while the browser receives it.
 */
public final class ChunkedStream extends InputStream {

    /** Reads chunk {@code seq} of the file (empty when there is none, e.g. the file was removed). */
    @FunctionalInterface
    public interface ChunkReader {
        Optional<byte[]> read(int seq);
    }

    private final ChunkReader chunks;
    private final String what;
    private final long size;
    private byte[] chunk = new byte[0];
    private int position;
    private int nextSeq;
    private long delivered;

    /** @param what names the file in the error raised when it disappears while being read */
    public ChunkedStream(ChunkReader chunks, long size, String what) {
        this.chunks = chunks;
        this.size = size;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == chunk.length) {
            if (delivered >= size) {
                return -1;
            }
            int seq = nextSeq++;
            chunk = QuarkusTransaction.requiringNew().call(() -> chunks.read(seq))
                    .orElseThrow(() -> new IOException(what + " was removed while it was being read"));
            position = 0;
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, n);
        position += n;
        delivered += n;
        return n;
    }
}
