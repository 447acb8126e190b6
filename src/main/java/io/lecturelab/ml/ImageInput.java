package io.lecturelab.ml;

import static io.lecturelab.ml.InvalidSettingException.require;

/**
 * One 32x32 RGB image as 3072 raw values in 0..255, in CIFAR-10 layout: 1024 red values, then 1024 green, then
 * 1024 blue, each plane row-major (index = y * 32 + x).
 */
public record ImageInput(float[] values) {

    public static final int SIDE = 32;
    public static final int PIXELS = SIDE * SIDE;
    public static final int VALUES = 3 * PIXELS;

    public ImageInput {
        require(values != null && values.length == VALUES, "ml.error.imageSize",
                "an image needs exactly " + VALUES + " values");
        for (float v : values) {
            require(v >= 0 && v <= 255, "ml.error.imageValue", "pixel values must be within 0..255, was " + v);
        }
        values = values.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** From 3072 unsigned bytes in the same layout (as stored in the CIFAR-10 binary files). */
    public static ImageInput ofUnsignedBytes(byte[] bytes, int offset) {
        require(bytes != null && bytes.length - offset >= VALUES, "ml.error.imageSize",
                "an image needs exactly " + VALUES + " values");
        float[] v = new float[VALUES];
        for (int i = 0; i < VALUES; i++) {
            v[i] = bytes[offset + i] & 0xFF;
        }
        return new ImageInput(v);
    }
}
