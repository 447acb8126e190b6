package io.lecturelab.gradebook.letters;

import io.lecturelab.base.UserFacingException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A course's letter scale: the letters from the best down, each given from a minimum weighted total (the last one
 * from 0, so every total gets a letter), and the cumulative quotas of relative grading (at most so many percent of
 * the graded students at or above a letter). Only valid scales exist: {@link #of} refuses anything else with a message
 * key, so a bad scale never reaches the database.
 */
public record LetterScale(List<Cutoff> cutoffs, List<Quota> quotas) {

    public static final int MAX_LETTERS = 20;
    public static final int MAX_LETTER_LENGTH = 8;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** A letter and the lowest total (in percent, two decimals at most) that earns it. */
    public record Cutoff(String letter, BigDecimal minimum) {
    }

    /** At most {@code maxPercent} of the graded students may get {@code through} or a better letter. */
    public record Quota(String through, BigDecimal maxPercent) {
    }

    /**
     * The scale most Korean universities use (A+ from 95 down to D0 from 60, F below) with the usual relative-grading
     * quotas: at most 35 % in the A range, at most 70 % in the A and B ranges together.
     */
    public static final LetterScale DEFAULT = new LetterScale(List.of(
            cut("A+", "95"), cut("A0", "90"), cut("B+", "85"), cut("B0", "80"), cut("C+", "75"), cut("C0", "70"),
            cut("D+", "65"), cut("D0", "60"), cut("F", "0")),
            List.of(new Quota("A0", new BigDecimal("35.00")), new Quota("B0", new BigDecimal("70.00"))));

    private static Cutoff cut(String letter, String minimum) {
        return new Cutoff(letter, new BigDecimal(minimum).setScale(2));
    }

    /**
     * A checked scale: 2 to {@value #MAX_LETTERS} letters, each named (at most {@value #MAX_LETTER_LENGTH}
     * characters, no two alike ignoring case) with a minimum from 0 to 100 (two decimals at most), minimums strictly
     * falling and the last one 0; each quota on a letter of the scale other than the last, in the scale's order, with a
     * percent from 0 to 100 that does not shrink from one quota to the next (they are cumulative).
     */
    public static LetterScale of(List<Cutoff> cutoffs, List<Quota> quotas) {
        List<Cutoff> given = cutoffs == null ? List.of() : cutoffs;
        List<Quota> limits = quotas == null ? List.of() : quotas;
        if (given.size() < 2 || given.size() > MAX_LETTERS) {
            throw new UserFacingException("letters.error.letterCount", MAX_LETTERS);
        }
        Set<String> seen = new HashSet<>();
        List<Cutoff> clean = new java.util.ArrayList<>();
        Cutoff previous = null;
        for (Cutoff c : given) {
            String letter = c.letter() == null ? "" : c.letter().strip();
            if (letter.isEmpty() || letter.length() > MAX_LETTER_LENGTH || letter.chars().anyMatch(
                    ch -> Character.isWhitespace(ch) || Character.isISOControl(ch) || ch == ',' || ch == '"')) {
                throw new UserFacingException("letters.error.letter", MAX_LETTER_LENGTH);
            }
            if (!seen.add(letter.toLowerCase(Locale.ROOT))) {
                throw new UserFacingException("letters.error.letterTwice", letter);
            }
            BigDecimal minimum = percent(c.minimum(), "letters.error.minimum", letter);
            if (previous != null && minimum.compareTo(previous.minimum()) >= 0) {
                throw new UserFacingException("letters.error.order", letter, plain(minimum), previous.letter(),
                        plain(previous.minimum()));
            }
            previous = new Cutoff(letter, minimum);
            clean.add(previous);
        }
        if (previous.minimum().signum() != 0) {
            throw new UserFacingException("letters.error.lastNotZero", previous.letter());
        }
        List<Quota> cleanQuotas = new java.util.ArrayList<>();
        int lastIndex = -1;
        BigDecimal lastPercent = BigDecimal.ZERO;
        for (Quota q : limits) {
            String through = q.through() == null ? "" : q.through().strip();
            int index = indexOf(clean, through);
            if (index < 0 || index == clean.size() - 1) {
                throw new UserFacingException("letters.error.quotaLetter", through, clean.getLast().letter());
            }
            BigDecimal max = percent(q.maxPercent(), "letters.error.quotaPercent", clean.get(index).letter());
            if (index <= lastIndex) {
                throw new UserFacingException("letters.error.quotaOrder", clean.get(index).letter());
            }
            if (max.compareTo(lastPercent) < 0) {
                throw new UserFacingException("letters.error.quotaShrinks", clean.get(index).letter(), plain(max),
                        plain(lastPercent));
            }
            lastIndex = index;
            lastPercent = max;
            cleanQuotas.add(new Quota(clean.get(index).letter(), max));
        }
        return new LetterScale(List.copyOf(clean), List.copyOf(cleanQuotas));
    }

    private static BigDecimal percent(BigDecimal value, String key, String letter) {
        if (value == null || value.signum() < 0 || value.compareTo(HUNDRED) > 0
                || value.stripTrailingZeros().scale() > 2) {
            throw new UserFacingException(key, letter);
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static int indexOf(List<Cutoff> cutoffs, String letter) {
        for (int i = 0; i < cutoffs.size(); i++) {
            if (cutoffs.get(i).letter().equalsIgnoreCase(letter)) {
                return i;
            }
        }
        return -1;
    }

    /** The position of a letter on the scale (0: the best), if it is on it. */
    public Optional<Integer> position(String letter) {
        int i = indexOf(cutoffs, letter);
        return i < 0 ? Optional.empty() : Optional.of(i);
    }

    /** A number as typed back to a person: 35, 92.5. */
    public static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
