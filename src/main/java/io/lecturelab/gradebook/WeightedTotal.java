package io.lecturelab.gradebook;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The arithmetic of a weighted total, with no database: what a student's numbers add up to.
 * <ul>
 *   <li>A category's percent is the weighted mean of its graded items' {@code points / max}, with the items'
 *       weights. An excused item and an item not graded yet drop out; so does an item of weight 0.</li>
 *   <li>A category with nothing graded in it is "not graded yet" — never 0 — and is left out of the total.</li>
 *   <li>The total is the weighted mean of the included categories' percents with the categories' weights, so it is
 *       computed over the included weights only (and says which those are).</li>
 *   <li>Everything is computed in {@link BigDecimal} with 34 significant digits; nothing is rounded on the way.
 *       Rounding happens at display only: {@link #display} rounds half up to two decimals (12.345 → 12.35,
 *       0.125 → 0.13).</li>
 * </ul>
 */
public final class WeightedTotal {

    static final MathContext PRECISION = MathContext.DECIMAL128;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private WeightedTotal() {
    }

    /** One item as it counts for one student. */
    public record Entry(long itemId, BigDecimal weight, BigDecimal maxPoints, Mark mark) {
    }

    /** One category with its weight in percent and the student's entries in it. */
    public record Category(long id, BigDecimal weight, List<Entry> entries) {
    }

    /** A category's result: its percent, or empty when nothing in it is graded yet. */
    public record CategoryResult(long id, BigDecimal weight, Optional<BigDecimal> percent, int graded, int excused,
                                 int notGraded) {
    }

    /**
     * The total over the included categories (empty when none is graded yet), with the categories' own results,
     * the ids of the included ones and the sum of their weights.
     */
    public record Result(List<CategoryResult> categories, Optional<BigDecimal> total, List<Long> included,
                         BigDecimal includedWeight) {
    }

    public enum Outcome {
        /** {@code points} on the item reach the target. */
        NEEDS,
        /** The target is reached whatever the item gets (0 points on it are enough). */
        ALREADY_REACHED,
        /** Not even full points on the item reach the target. */
        NOT_REACHABLE,
        /** The item is excused, counts for nothing or is not in the record. */
        NOT_APPLICABLE
    }

    /** What is needed on one item for a target total; {@code points} are rounded up to two decimals. */
    public record WhatIf(Outcome outcome, Optional<BigDecimal> points) {
    }

    public static Result compute(List<Category> categories) {
        List<CategoryResult> results = new ArrayList<>();
        List<Long> included = new ArrayList<>();
        BigDecimal weightSum = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        for (Category c : categories) {
            CategoryResult r = category(c);
            results.add(r);
            if (r.percent().isPresent() && c.weight().signum() > 0) {
                included.add(c.id());
                weightSum = weightSum.add(c.weight());
                weighted = weighted.add(c.weight().multiply(r.percent().get(), PRECISION));
            }
        }
        Optional<BigDecimal> total = included.isEmpty() ? Optional.empty()
                : Optional.of(weighted.divide(weightSum, PRECISION));
        return new Result(List.copyOf(results), total, List.copyOf(included), weightSum);
    }

    static CategoryResult category(Category c) {
        int graded = 0;
        int excused = 0;
        int notGraded = 0;
        BigDecimal weightSum = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        for (Entry e : c.entries()) {
            if (e.mark().excused()) {
                excused++;
            } else if (!e.mark().graded()) {
                notGraded++;
            } else {
                graded++;
                if (e.weight().signum() > 0) {
                    weightSum = weightSum.add(e.weight());
                    weighted = weighted.add(e.weight().multiply(
                            e.mark().points().multiply(HUNDRED).divide(e.maxPoints(), PRECISION), PRECISION));
                }
            }
        }
        Optional<BigDecimal> percent = weightSum.signum() == 0 ? Optional.empty()
                : Optional.of(weighted.divide(weightSum, PRECISION));
        return new CategoryResult(c.id(), c.weight(), percent, graded, excused, notGraded);
    }

    /**
     * The points needed on {@code itemId} (whatever it holds now) for a total of at least {@code target} percent,
     * everything else as it is: items not graded yet stay out, as in the total. The total is a straight line in the
     * item's points, so two totals (0 and full points) give the answer; it is rounded up to two decimals, since
     * rounding down could fall short.
     */
    public static WhatIf needed(List<Category> categories, long itemId, BigDecimal target) {
        Optional<Entry> item = categories.stream().flatMap(c -> c.entries().stream())
                .filter(e -> e.itemId() == itemId).findFirst();
        boolean countsAtAll = categories.stream().anyMatch(c -> c.weight().signum() > 0
                && c.entries().stream().anyMatch(e -> e.itemId() == itemId));
        if (item.isEmpty() || item.get().mark().excused() || item.get().weight().signum() == 0 || !countsAtAll) {
            return new WhatIf(Outcome.NOT_APPLICABLE, Optional.empty());
        }
        BigDecimal max = item.get().maxPoints();
        BigDecimal atZero = compute(with(categories, itemId, BigDecimal.ZERO)).total().orElseThrow();
        BigDecimal atMax = compute(with(categories, itemId, max)).total().orElseThrow();
        if (atZero.compareTo(target) >= 0) {
            return new WhatIf(Outcome.ALREADY_REACHED, Optional.of(BigDecimal.ZERO.setScale(2)));
        }
        if (atMax.compareTo(target) < 0) {
            return new WhatIf(Outcome.NOT_REACHABLE, Optional.empty());
        }
        BigDecimal points = target.subtract(atZero).multiply(max)
                .divide(atMax.subtract(atZero), PRECISION).setScale(2, RoundingMode.CEILING);
        return new WhatIf(Outcome.NEEDS, Optional.of(points.min(max.setScale(2, RoundingMode.DOWN))));
    }

    private static List<Category> with(List<Category> categories, long itemId, BigDecimal points) {
        return categories.stream().map(c -> new Category(c.id(), c.weight(), c.entries().stream()
                .map(e -> e.itemId() == itemId ? new Entry(e.itemId(), e.weight(), e.maxPoints(),
                        Mark.of(points.setScale(2, RoundingMode.DOWN))) : e).toList())).toList();
    }

    /** A percent as shown: half up to two decimals. */
    public static BigDecimal display(BigDecimal percent) {
        return percent.setScale(2, RoundingMode.HALF_UP);
    }
}
