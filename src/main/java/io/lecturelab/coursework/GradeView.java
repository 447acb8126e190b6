package io.lecturelab.coursework;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A grade as staff, and (once released) its student, see it. {@code finalPoints} is {@code points} less the late
 * penalty of the graded version, rounded half up to two decimals.
 *
 * @param gradedVersion the version number that was graded
 * @param regradeUntil  until when the student may ask for a regrade (empty before release)
 * @param version       what a grader's {@link GradeForm} sends back to save over this grade (never 0, which stands
 *                      for "no grade yet")
 */
public record GradeView(long id, Owner owner, BigDecimal points, int outOf, List<BigDecimal> rubricPoints,
                        int penaltyPercent, BigDecimal finalPoints, String feedback, Optional<Integer> gradedVersion,
                        String graderName, Optional<Instant> gradedAt, Optional<Instant> releasedAt,
                        Optional<Instant> regradeUntil, List<Regrade> regrades, int version) {

    public GradeView {
        rubricPoints = List.copyOf(rubricPoints);
        regrades = List.copyOf(regrades);
    }

    public boolean released() {
        return releasedAt.isPresent();
    }
}
