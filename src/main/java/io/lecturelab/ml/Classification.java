package io.lecturelab.ml;

import java.util.List;

/**
 * The answer for one image.
 *
 * @param classNames     class names in model order
 * @param scores         s = Wx' (+ b), one per class
 * @param probabilities  ŷ = softmax(s)
 * @param predictedIndex index of the largest score
 * @param contributions  per-class template contribution, or an empty array when not requested: for class c a
 *                       32x32 map (1024 values, row-major) whose pixel p holds
 *                       {@code sum over channels ch of W[c, ch*1024+p] * x'[ch*1024+p]}, the part of the score s_c that
 *                       comes from that pixel. The map sums to s_c - b_c, so a student sees where the class
 *                       template and the image agree (positive) or disagree (negative).
 */
public record Classification(List<String> classNames, float[] scores, float[] probabilities, int predictedIndex,
                             float[][] contributions) {

    public Classification {
        classNames = List.copyOf(classNames);
        scores = scores.clone();
        probabilities = probabilities.clone();
        if (scores.length != classNames.size() || probabilities.length != classNames.size()) {
            throw new IllegalArgumentException("scores and probabilities need one value per class");
        }
        if (predictedIndex < 0 || predictedIndex >= classNames.size()) {
            throw new IllegalArgumentException("predicted index out of range: " + predictedIndex);
        }
        float[][] copy = new float[contributions == null ? 0 : contributions.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = contributions[i].clone();
        }
        contributions = copy;
    }

    public String predictedClass() {
        return classNames.get(predictedIndex);
    }

    @Override
    public float[] scores() {
        return scores.clone();
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public float[][] contributions() {
        float[][] copy = new float[contributions.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = contributions[i].clone();
        }
        return copy;
    }
}
