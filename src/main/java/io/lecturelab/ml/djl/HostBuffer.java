package io.lecturelab.ml.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Hands floats to the engine on the CPU without an allocation per call: each thread keeps one direct buffer
 * (grown when a call needs more) and the engine's array reads it in place. An array made here must be closed
 * before the same thread makes the next one, which overwrites the buffer.
 */
final class HostBuffer {

    private static final ThreadLocal<ByteBuffer> BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(0));

    private HostBuffer() {
    }

    /** An array of {@code shape} over the first {@code shape.size()} values of {@code values}. */
    static NDArray wrap(NDManager manager, float[] values, Shape shape) {
        int count = Math.toIntExact(shape.size());
        ByteBuffer buffer = buffer(count);
        buffer.asFloatBuffer().put(0, values, 0, count);
        return array(manager, buffer, shape);
    }

    /**
     * The rows {@code rows[from..to)} of {@code source} (rows of {@code width} floats, one after another) as one
     * N × width array: a memory copy per row.
     */
    static NDArray gather(NDManager manager, FloatBuffer source, int width, int[] rows, int from, int to) {
        int n = to - from;
        ByteBuffer buffer = buffer(n * width);
        FloatBuffer target = buffer.asFloatBuffer();
        for (int i = 0; i < n; i++) {
            target.put(i * width, source, rows[from + i] * width, width);
        }
        return array(manager, buffer, new Shape(n, width));
    }

    private static ByteBuffer buffer(int floats) {
        ByteBuffer buffer = BUFFER.get();
        if (buffer.capacity() < floats * Float.BYTES) {
            buffer = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder());
            BUFFER.set(buffer);
        }
        return buffer;
    }

    private static NDArray array(NDManager manager, ByteBuffer buffer, Shape shape) {
        int bytes = Math.toIntExact(shape.size()) * Float.BYTES;
        return manager.create(buffer.slice(0, bytes).order(ByteOrder.nativeOrder()), shape, DataType.FLOAT32);
    }
}
