package io.lecturelab.ml;

import java.util.List;

/**
 * Which CIFAR-10 classes a model separates. The data layer maps each set to its training file:
 * {@link #CAT_VS_DOG} trains on the 10,000 training cats and dogs, {@link #ALL_TEN} on data_batch_1
 * (10,000 images of all ten classes). Both are tested on the matching part of the official test batch.
 */
public enum ClassSet {
    /** Cat (CIFAR label 3) against dog (label 5): the lecture's two-class example. */
    CAT_VS_DOG(List.of(3, 5)),
    /** All ten CIFAR-10 classes. */
    ALL_TEN(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));

    /** CIFAR-10 class names by original label, as in batches.meta.txt. */
    public static final List<String> CIFAR10_NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    private final List<Integer> labels;

    ClassSet(List<Integer> labels) {
        this.labels = labels;
    }

    /** Original CIFAR-10 labels; the model's class index i corresponds to {@code labels().get(i)}. */
    public List<Integer> labels() {
        return labels;
    }

    /** Class names in model order. */
    public List<String> classNames() {
        return labels.stream().map(CIFAR10_NAMES::get).toList();
    }

    public int size() {
        return labels.size();
    }
}
