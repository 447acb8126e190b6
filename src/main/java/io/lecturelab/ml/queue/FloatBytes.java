package io.lecturelab.ml.queue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** float32 arrays as little-endian bytes, bit for bit (NaN payloads and signed zeros included). */
final class FloatBytes {

    private FloatBytes() {
    }

    static byte[] encode(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putInt(Float.floatToRawIntBits(v));
        }
        return buffer.array();
    }

    static float[] decode(byte[] bytes) {
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("not a float32 array: " + bytes.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.length / Float.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(buffer.getInt());
        }
        return values;
    }
}
