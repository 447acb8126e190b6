package io.lecturelab.course;

import io.lecturelab.base.UserFacingException;

/**
 * How the final grade is made: four weights in percent that add up to 100, and what the homework part consists of
 * (programming homeworks, paper reviews, and the project proposal).
 */
public record GradingPolicy(int attendance, int midterm, int finalExam, int homework, int programmingHomeworks,
                            int paperReviews) {

    public static final GradingPolicy DEFAULT = new GradingPolicy(10, 30, 30, 30, 3, 1);

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
}
