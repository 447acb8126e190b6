package io.lecturelab.ml;

import static io.lecturelab.ml.InvalidSettingException.require;

/**
 * How raw pixel values (0..255, CIFAR layout: 1024 red, 1024 green, 1024 blue, row-major 32x32) become model
 * input: {@code x' = (x - mean) * scale}. The mean image is computed on the training split that the model
 * was trained on, and {@code scale} is 1/255, so inputs lie roughly in [-1, 1]. The same values are stored
 * with the model so that inference applies exactly the same transformation.
 *
 * @param method a short description of the method
 * @param mean   the mean training image, 3072 values
 * @param scale  the factor applied after subtracting the mean
 */
public record Preprocessing(String method, float[] mean, float scale) {

    public static final String MEAN_IMAGE_SCALE = "subtract training mean image, then scale by 1/255";

    public Preprocessing {
        require(method != null && !method.isBlank(), "ml.error.preprocessing", "method is required");
        require(mean != null && mean.length == ImageInput.VALUES, "ml.error.preprocessing",
                "mean must have " + ImageInput.VALUES + " values");
        require(Float.isFinite(scale) && scale > 0, "ml.error.preprocessing", "scale must be > 0");
        mean = mean.clone();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** Applies the transformation to raw values. */
    public float[] apply(float[] raw) {
        require(raw.length == ImageInput.VALUES, "ml.error.imageSize", "expected " + ImageInput.VALUES + " values");
        float[] out = new float[raw.length];
        applyInto(raw, out, 0);
        return out;
    }

    /** Writes the transformed values of {@code raw} into {@code out} starting at {@code offset}. */
    public void applyInto(float[] raw, float[] out, int offset) {
        for (int i = 0; i < ImageInput.VALUES; i++) {
            out[offset + i] = (raw[i] - mean[i]) * scale;
        }
    }
}
