package io.lecturelab.lab;

import java.util.List;

/**
 * A trained model on the whole test split of its classes.
 *
 * @param classNames  in model order
 * @param accuracy    share of test images classified correctly
 * @param counts      counts[true][predicted]
 * @param cells       for each [true][predicted], the test images in it, most confident first
 */
public record Evaluation(List<String> classNames, double accuracy, int[][] counts, List<List<List<Scored>>> cells) {

    /** A test image (index in the official test batch) and the probability the model gave its predicted class. */
    public record Scored(int index, float confidence) {
    }

    public int total() {
        int n = 0;
        for (int[] row : counts) {
            for (int c : row) {
                n += c;
            }
        }
        return n;
    }
}
