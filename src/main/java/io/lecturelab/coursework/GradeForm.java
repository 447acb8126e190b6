package io.lecturelab.coursework;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a grader enters: the points (before any late penalty), optionally the points per rubric item (then the
 * points are their sum), written feedback, and the version of the grade the grader saw: {@link GradeView#version()}, or 0 when there was no grade yet.
 */
public record GradeForm(BigDecimal points, List<BigDecimal> rubricPoints, String feedback, int version) {

    public GradeForm {
        rubricPoints = rubricPoints == null ? List.of() : List.copyOf(rubricPoints);
        feedback = feedback == null ? "" : feedback.strip();
    }
}
