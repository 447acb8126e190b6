package io.lecturelab.ml.data;

import io.lecturelab.ml.ImageInput;

/**
 * Images with labels, held as raw unsigned bytes in CIFAR layout (3072 per image: R plane, G plane, B plane).
 * Immutable from the outside: accessors return copies or single values.
 */
public final class LabelledImages {

    private final byte[] labels;
    private final byte[] pixels;

    LabelledImages(byte[] labels, byte[] pixels) {
        if (pixels.length != labels.length * ImageInput.VALUES) {
            throw new IllegalArgumentException("pixels do not match the label count");
        }
        this.labels = labels;
        this.pixels = pixels;
    }

    public int size() {
        return labels.length;
    }

    /** Label of image i (as stored: the original CIFAR label, or the class index after {@link #select}). */
    public int label(int i) {
        return labels[i] & 0xFF;
    }

    /** Raw value (0..255) of image i at position j of the 3072-value layout. */
    public int value(int i, int j) {
        return pixels[i * ImageInput.VALUES + j] & 0xFF;
    }

    public ImageInput image(int i) {
        return ImageInput.ofUnsignedBytes(pixels, i * ImageInput.VALUES);
    }

    public int[] labels() {
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i] & 0xFF;
        }
        return out;
    }

    /**
     * Keeps the images whose label is one of {@code originalLabels} (original order kept) and relabels them to
     * their index in that list, so that class index i means {@code originalLabels[i]}.
     */
    public LabelledImages select(java.util.List<Integer> originalLabels) {
        int[] map = new int[256];
        java.util.Arrays.fill(map, -1);
        for (int i = 0; i < originalLabels.size(); i++) {
            map[originalLabels.get(i)] = i;
        }
        int count = 0;
        for (byte l : labels) {
            if (map[l & 0xFF] >= 0) {
                count++;
            }
        }
        byte[] newLabels = new byte[count];
        byte[] newPixels = new byte[count * ImageInput.VALUES];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            int m = map[labels[i] & 0xFF];
            if (m >= 0) {
                newLabels[k] = (byte) m;
                System.arraycopy(pixels, i * ImageInput.VALUES, newPixels, k * ImageInput.VALUES, ImageInput.VALUES);
                k++;
            }
        }
        return new LabelledImages(newLabels, newPixels);
    }

    /** The mean image over all images, 3072 values in 0..255 (double accumulation, float result). */
    public float[] meanImage() {
        double[] sum = new double[ImageInput.VALUES];
        for (int i = 0; i < labels.length; i++) {
            int base = i * ImageInput.VALUES;
            for (int j = 0; j < ImageInput.VALUES; j++) {
                sum[j] += pixels[base + j] & 0xFF;
            }
        }
        float[] mean = new float[ImageInput.VALUES];
        for (int j = 0; j < mean.length; j++) {
            mean[j] = (float) (sum[j] / Math.max(1, labels.length));
        }
        return mean;
    }

    /** All images transformed with {@code (x - mean) * scale}, row-major size() × 3072. */
    public float[] preprocessed(io.lecturelab.ml.Preprocessing preprocessing) {
        float[] mean = preprocessing.mean();
        float scale = preprocessing.scale();
        float[] out = new float[pixels.length];
        for (int i = 0; i < labels.length; i++) {
            int base = i * ImageInput.VALUES;
            for (int j = 0; j < ImageInput.VALUES; j++) {
                out[base + j] = ((pixels[base + j] & 0xFF) - mean[j]) * scale;
            }
        }
        return out;
    }
}
