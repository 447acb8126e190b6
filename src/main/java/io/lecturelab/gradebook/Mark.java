package io.lecturelab.gradebook;

import io.lecturelab.base.UserFacingException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * What one cell of the gradebook holds: points, or "excused" (the item drops out of the student's total), or nothing
 * (not graded yet). Points are kept with two decimals, so equal marks are equal records.
 */
public record Mark(BigDecimal points, boolean excused) {

    public static final Mark EMPTY = new Mark(null, false);
    public static final Mark EXCUSED = new Mark(null, true);

    public Mark {
        if (excused && points != null) {
            throw new IllegalArgumentException("An excused mark has no points");
        }
        if (points != null && points.stripTrailingZeros().scale() > 2) {
            throw new UserFacingException("gradebook.error.decimals");
        }
        points = points == null ? null : points.setScale(2, RoundingMode.UNNECESSARY);
    }

    public static Mark of(BigDecimal points) {
        return new Mark(points, false);
    }

    public static Mark of(String points) {
        return of(new BigDecimal(points));
    }

    public Optional<BigDecimal> pointsIfAny() {
        return Optional.ofNullable(points);
    }

    /** Neither points nor excused: not graded yet. */
    public boolean isEmpty() {
        return points == null && !excused;
    }

    public boolean graded() {
        return points != null;
    }

    @Override
    public String toString() {
        return excused ? "excused" : points == null ? "–" : points.toPlainString();
    }
}
