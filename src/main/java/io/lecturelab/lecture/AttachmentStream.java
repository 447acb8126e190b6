package io.lecturelab.lecture;

import io.quarkus.narayana.jta.QuarkusTransaction;

import java.io.IOException;
import java.io.InputStream;

/**
 * An attachment's contents, read one stored chunk at a time, each in its own short transaction: a download holds
 * neither the whole file in memory nor a database connection while the browser receives it.
 */
final class AttachmentStream extends InputStream {

    private final AttachmentRepository chunks;
    private final long attachmentId;
    private final long size;
    private byte[] chunk = new byte[0];
    private int position;
    private int nextSeq;
    private long delivered;

    AttachmentStream(AttachmentRepository chunks, long attachmentId, long size) {
        this.chunks = chunks;
        this.attachmentId = attachmentId;
        this.size = size;
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
            chunk = QuarkusTransaction.requiringNew().call(() -> chunks.readChunk(attachmentId, seq))
                    .orElseThrow(() -> new IOException("Attachment " + attachmentId + " was removed while it was "
                            + "being downloaded"));
            position = 0;
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, n);
        position += n;
        delivered += n;
        return n;
    }
}
