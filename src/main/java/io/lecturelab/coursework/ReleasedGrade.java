package io.lecturelab.coursework;

import java.math.BigDecimal;

/**
 * A released grade as it counts for one student: the points after any late penalty, out of the assignment's points.
 * A team's grade is one of these for each member of the team.
 */
public record ReleasedGrade(long assignmentId, long userId, BigDecimal points, int maxPoints) {
}
