package io.lecturelab.coursework;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of an assignment's submissions grid: a student (or a team), their latest version and its grade.
 *
 * @param number     the student number (or the team's members, for team work)
 * @param status     NOT_SUBMITTED, SUBMITTED, GRADED or RELEASED
 */
public record SubmissionRow(Owner owner, String name, String number, String status, Optional<Integer> version,
                            Optional<Instant> submittedAt, boolean late, boolean extended,
                            Optional<BigDecimal> finalPoints, String graderName, boolean regradeOpen) {
}
