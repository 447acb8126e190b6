package io.lecturelab.lab;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The lab's steps, in the order lecture 1 introduces them. */
public enum LabStep {
    /** The image as a 32×32×3 matrix of values. */
    PIXELS,
    /** s = Wx, softmax and the cross-entropy loss for one image. */
    MODEL,
    /** Training on the shared queue, curves and templates. */
    TRAIN,
    /** A trained model on one image, with contribution maps. */
    CLASSIFY,
    /** Test accuracy and the confusion matrix. */
    EVALUATE,
    /** The student's runs, two overlaid. */
    HISTORY;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LabStep> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }
}
