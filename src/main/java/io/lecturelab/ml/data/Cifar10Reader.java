package io.lecturelab.ml.data;

import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.MlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the CIFAR-10 binary format: records of 3073 bytes, one label byte (0..9) then 1024 red, 1024 green and
 * 1024 blue bytes, each plane row-major 32x32.
 */
public final class Cifar10Reader {

    public static final int RECORD_BYTES = 1 + ImageInput.VALUES;

    private Cifar10Reader() {
    }

    public static LabelledImages read(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new MlException("ml.error.datasetMissing", "CIFAR-10 file not found: " + file.toAbsolutePath()
                    + " (set system property lecturelab.ml.cifar10-dir or download the dataset)", e);
        } catch (IOException e) {
            throw new MlException("ml.error.datasetUnreadable", "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (size == 0 || size % RECORD_BYTES != 0) {
            throw new MlException("ml.error.datasetCorrupt", "file " + file + " has " + size
                    + " bytes, which is not a positive multiple of the " + RECORD_BYTES
                    + "-byte CIFAR-10 record (truncated or not a CIFAR-10 binary file)");
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new MlException("ml.error.datasetCorrupt", "file " + file + " is too large: " + size + " bytes");
        }
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MlException("ml.error.datasetUnreadable", "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (all.length != size) {
            throw new MlException("ml.error.datasetCorrupt", "file " + file + " changed while reading");
        }
        int n = (int) (size / RECORD_BYTES);
        byte[] labels = new byte[n];
        byte[] pixels = new byte[n * ImageInput.VALUES];
        for (int i = 0; i < n; i++) {
            int label = all[i * RECORD_BYTES] & 0xFF;
            if (label > 9) {
                throw new MlException("ml.error.datasetCorrupt", "record " + i + " of " + file + " has label " + label
                        + ", expected 0..9");
            }
            labels[i] = (byte) label;
            System.arraycopy(all, i * RECORD_BYTES + 1, pixels, i * ImageInput.VALUES, ImageInput.VALUES);
        }
        return new LabelledImages(labels, pixels);
    }
}
