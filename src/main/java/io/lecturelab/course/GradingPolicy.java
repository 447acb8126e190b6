package io.lecturelab.course;

import io.lecturelab.base.UserFacingException;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * How the final grade is made: four weights in percent that add up to 100, and what the homework part consists of
 * (programming homeworks, paper reviews, and the project proposal).
 */
public record GradingPolicy(int attendance, int midterm, int finalExam, int homework, int programmingHomeworks,
                            int paperReviews) {

    /** The sample course's policy (10/30/30/30, three programming homeworks, one paper review). */
    public static final GradingPolicy SAMPLE = new GradingPolicy(10, 30, 30, 30, 3, 1);

    public GradingPolicy {
        for (int weight : new int[]{attendance, midterm, finalExam, homework}) {
            if (weight < 0 || weight > 100) {
                throw new UserFacingException("course.error.weightRange");
            }
        }
        int sum = attendance + midterm + finalExam + homework;
        if (sum != 100) {
            throw new UserFacingException("course.error.weightSum", sum);
        }
        if (programmingHomeworks < 0 || programmingHomeworks > 20 || paperReviews < 0 || paperReviews > 20) {
            throw new UserFacingException("course.error.homeworkCount");
        }
    }

    /**
     * A policy from a form's fields: none when every field is empty, refused when only some are filled in (a policy
     * is entered whole or not at all).
     */
    public static Optional<GradingPolicy> fromFields(Integer attendance, Integer midterm, Integer finalExam,
                                                     Integer homework, Integer programmingHomeworks,
                                                     Integer paperReviews) {
        long filled = Stream.of(attendance, midterm, finalExam, homework, programmingHomeworks, paperReviews)
                .filter(v -> v != null).count();
        if (filled == 0) {
            return Optional.empty();
        }
        if (filled < 6) {
            throw new UserFacingException("course.error.gradingPartial");
        }
        return Optional.of(new GradingPolicy(attendance, midterm, finalExam, homework, programmingHomeworks,
                paperReviews));
    }
}
