package io.lecturelab.gradebook.letters;

import io.lecturelab.gradebook.WeightedTotal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The arithmetic of final letters, with no database.
 * <ul>
 *   <li>A letter follows from the total <em>as shown</em>: the gradebook's display rounding (half up to two decimals,
 *       {@link WeightedTotal#display}) is applied first, so 89.995 shows as 90.00 and earns the letter from 90.</li>
 *   <li>A total equal to a cut-off earns that cut-off's letter (the minimum is inclusive).</li>
 *   <li>A student with no total yet gets no letter: "not graded", never the last letter.</li>
 *   <li>Quotas count graded students only. A quota of p % allows ⌊p × graded / 100⌋ students (an upper limit is
 *       never rounded up); it is cumulative: it counts its letter and every better one.</li>
 *   <li>Quotas never move a student's letter: a broken quota is reported with how many are too many and, where one
 *       exists, the lowest cut-off for the quota's letter that would meet it.</li>
 * </ul>
 */
public final class LetterGrades {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal STEP = new BigDecimal("0.01");

    private LetterGrades() {
    }

    /** How many students got one letter. */
    public record LetterCount(String letter, BigDecimal minimum, int count) {
    }

    /**
     * One quota against the students: {@code count} of {@code graded} got {@code through} or better, {@code allowed}
     * may. {@code from} is the scale's best letter (the quota covers {@code from} to {@code through}).
     * {@code cutoffToMeet}: the lowest minimum for {@code through} at which the quota would hold, when the quota is
     * broken and such a minimum exists below the next better letter's minimum (or 100).
     */
    public record QuotaCheck(String from, String through, BigDecimal maxPercent, int count, int graded, int allowed,
                             Optional<BigDecimal> cutoffToMeet) {

        public boolean broken() {
            return count > allowed;
        }

        /** How many students more than allowed. */
        public int over() {
            return Math.max(0, count - allowed);
        }

        /** {@code count} in percent of the graded students, rounded half up to a whole percent (0 when none). */
        public BigDecimal percent() {
            return graded == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(count).multiply(HUNDRED)
                    .divide(BigDecimal.valueOf(graded), 0, RoundingMode.HALF_UP);
        }
    }

    /** Every letter's count in the scale's order, every quota, and how many students are graded and not. */
    public record Distribution(List<LetterCount> letters, List<QuotaCheck> quotas, int graded, int notGraded) {

        public boolean quotasMet() {
            return quotas.stream().noneMatch(QuotaCheck::broken);
        }
    }

    /** One bar of the histogram: totals from {@code from} (inclusive) to {@code to} (exclusive, but 100 for the last). */
    public record Bin(BigDecimal from, BigDecimal to, int count) {
    }

    /** The total as the gradebook shows it: half up to two decimals. */
    public static BigDecimal shown(BigDecimal total) {
        return WeightedTotal.display(total);
    }

    /** The letter a total earns; empty when there is no total yet. */
    public static Optional<String> letter(LetterScale scale, Optional<BigDecimal> total) {
        if (total.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal shown = shown(total.get());
        for (LetterScale.Cutoff c : scale.cutoffs()) {
            if (shown.compareTo(c.minimum()) >= 0) {
                return Optional.of(c.letter());
            }
        }
        return Optional.of(scale.cutoffs().getLast().letter());
    }

    /** Counts the letters of every student and checks every quota; empty totals are "not graded". */
    public static Distribution distribute(LetterScale scale, List<Optional<BigDecimal>> totals) {
        List<BigDecimal> graded = totals.stream().flatMap(Optional::stream).map(LetterGrades::shown)
                .sorted(Comparator.reverseOrder()).toList();
        int[] counts = new int[scale.cutoffs().size()];
        for (BigDecimal t : graded) {
            counts[scale.position(letter(scale, Optional.of(t)).orElseThrow()).orElseThrow()]++;
        }
        List<LetterCount> letters = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            LetterScale.Cutoff c = scale.cutoffs().get(i);
            letters.add(new LetterCount(c.letter(), c.minimum(), counts[i]));
        }
        List<QuotaCheck> quotas = new ArrayList<>();
        for (LetterScale.Quota q : scale.quotas()) {
            int through = scale.position(q.through()).orElseThrow();
            int count = 0;
            for (int i = 0; i <= through; i++) {
                count += counts[i];
            }
            int allowed = q.maxPercent().multiply(BigDecimal.valueOf(graded.size()))
                    .divide(HUNDRED, 0, RoundingMode.FLOOR).intValueExact();
            Optional<BigDecimal> toMeet = Optional.empty();
            if (count > allowed) {
                // fewer than allowed+1 students may reach the minimum: it must lie above the (allowed+1)-th best total
                BigDecimal needed = graded.get(allowed).add(STEP);
                BigDecimal ceiling = through == 0 ? HUNDRED.add(STEP) : scale.cutoffs().get(through - 1).minimum();
                if (needed.compareTo(ceiling) < 0 && needed.compareTo(HUNDRED) <= 0) {
                    toMeet = Optional.of(needed);
                }
            }
            quotas.add(new QuotaCheck(scale.cutoffs().getFirst().letter(), scale.cutoffs().get(through).letter(),
                    q.maxPercent(), count, graded.size(), allowed, toMeet));
        }
        return new Distribution(List.copyOf(letters), List.copyOf(quotas), graded.size(),
                totals.size() - graded.size());
    }

    /**
     * The totals (as shown) in bins of {@code width} points from 0 to 100; the last bin also holds 100. A width that
     * does not divide 100 leaves a narrower last bin.
     */
    public static List<Bin> histogram(List<BigDecimal> totals, int width) {
        if (width < 1 || width > 100) {
            throw new IllegalArgumentException("bin width " + width);
        }
        int bins = (100 + width - 1) / width;
        int[] counts = new int[bins];
        for (BigDecimal total : totals) {
            BigDecimal shown = shown(total).max(BigDecimal.ZERO).min(HUNDRED);
            int bin = shown.divide(BigDecimal.valueOf(width), 0, RoundingMode.FLOOR).intValueExact();
            counts[Math.min(bins - 1, bin)]++;
        }
        List<Bin> out = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            out.add(new Bin(BigDecimal.valueOf((long) i * width), BigDecimal.valueOf(Math.min(100L, (long) (i + 1)
                    * width)), counts[i]));
        }
        return List.copyOf(out);
    }
}
