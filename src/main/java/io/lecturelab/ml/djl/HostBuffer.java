package io.lecturelab.ml.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Hands floats to the engine without an allocation per call: each thread keeps one direct buffer (grown when a
 * call needs more) and the engine's array reads it in place. An array made here must be closed before the same
 * thread makes the next one, which overwrites the buffer.
 */
final class HostBuffer {

    private static final ThreadLocal<ByteBuffer> BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(0));

    private HostBuffer() {
    }

    /** An array of {@code shape} over the first {@code shape.size()} values of {@code values}. */
    static NDArray wrap(NDManager manager, float[] values, Shape shape) {
        int count = Math.toIntExact(shape.size());
        int bytes = count * Float.BYTES;
        ByteBuffer buffer = BUFFER.get();
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            BUFFER.set(buffer);
        }
        buffer.order(ByteOrder.nativeOrder()).asFloatBuffer().put(0, values, 0, count);
        return manager.create(buffer.slice(0, bytes).order(ByteOrder.nativeOrder()), shape, DataType.FLOAT32);
    }
}
