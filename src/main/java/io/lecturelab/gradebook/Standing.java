package io.lecturelab.gradebook;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A student's standing as shown: every percent rounded half up to two decimals (computed unrounded, see
 * {@link WeightedTotal}). {@code included} names the categories the total covers, whose weights add up to
 * {@code includedWeight}; {@code notGradedYet} the ones left out because nothing in them is graded yet.
 */
public record Standing(List<Subtotal> subtotals, Optional<BigDecimal> total, List<String> included,
                       BigDecimal includedWeight, List<String> notGradedYet) {

    public record Subtotal(long categoryId, String name, BigDecimal weight, Optional<BigDecimal> percent, int graded,
                           int excused, int notGraded) {
    }
}
