package io.lecturelab.gradebook.letters;

import io.lecturelab.base.UserFacingException;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The arithmetic of letters, quotas and the histogram, with no database. */
class LetterGradesTest {

    private static final LetterScale SCALE = LetterScale.DEFAULT;

    @Test
    void a_total_gets_the_letter_of_the_highest_cutoff_it_reaches() {
        assertThat(letter("100")).contains("A+");
        assertThat(letter("96.5")).contains("A+");
        assertThat(letter("92")).contains("A0");
        assertThat(letter("81.3")).contains("B0");
        assertThat(letter("60")).contains("D0");
        assertThat(letter("59.99")).contains("F");
        assertThat(letter("0")).contains("F");
    }

    @Test
    void a_total_equal_to_a_cutoff_gets_that_cutoffs_letter() {
        assertThat(letter("95")).contains("A+");
        assertThat(letter("95.00")).contains("A+");
        assertThat(letter("94.99")).contains("A0");
        assertThat(letter("90.00")).contains("A0");
        assertThat(letter("89.99")).contains("B+");
    }

    @Test
    void the_letter_follows_the_total_as_the_gradebook_shows_it_rounded_half_up_to_two_decimals() {
        // 89.995 is shown as 90.00, so it earns the letter from 90, as the student sees it
        assertThat(letter("89.995")).contains("A0");
        assertThat(letter("89.9949999")).contains("B+");
        assertThat(letter("94.99499")).contains("A0");
        assertThat(letter("94.995")).contains("A+");
        assertThat(LetterGrades.shown(new BigDecimal("89.995"))).isEqualByComparingTo("90.00");
    }

    @Test
    void nobody_without_a_total_gets_a_letter_not_even_the_last_one() {
        assertThat(LetterGrades.letter(SCALE, Optional.empty())).isEmpty();
        LetterGrades.Distribution d = LetterGrades.distribute(SCALE, List.of(Optional.empty(), Optional.empty(),
                Optional.of(new BigDecimal("40"))));
        assertThat(d.graded()).isEqualTo(1);
        assertThat(d.notGraded()).isEqualTo(2);
        assertThat(d.letters()).filteredOn(c -> c.letter().equals("F")).extracting(LetterGrades.LetterCount::count)
                .containsExactly(1);
    }

    @Test
    void with_nobody_graded_every_count_is_zero_and_no_quota_is_broken() {
        LetterGrades.Distribution d = LetterGrades.distribute(SCALE, List.of(Optional.empty(), Optional.empty()));
        assertThat(d.graded()).isZero();
        assertThat(d.notGraded()).isEqualTo(2);
        assertThat(d.letters()).allMatch(c -> c.count() == 0);
        assertThat(d.quotas()).extracting(LetterGrades.QuotaCheck::allowed, LetterGrades.QuotaCheck::broken,
                q -> q.percent().intValue()).containsExactly(tuple(0, false, 0), tuple(0, false, 0));
        assertThat(d.quotasMet()).isTrue();
        assertThat(LetterGrades.distribute(SCALE, List.of()).graded()).isZero();
    }

    @Test
    void a_broken_quota_says_how_many_are_too_many_as_in_41_percent_of_120_with_35_allowed() {
        // 49 of 120 in the A range (41 %): 35 % of 120 = 42 allowed, 7 too many
        List<Optional<BigDecimal>> totals = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            totals.add(total("91"));
        }
        for (int i = 0; i < 71; i++) {
            totals.add(total("50"));
        }
        LetterGrades.QuotaCheck a = LetterGrades.distribute(SCALE, totals).quotas().getFirst();
        assertThat(a.from()).isEqualTo("A+");
        assertThat(a.through()).isEqualTo("A0");
        assertThat(a.count()).isEqualTo(49);
        assertThat(a.graded()).isEqualTo(120);
        assertThat(a.allowed()).isEqualTo(42);
        assertThat(a.over()).isEqualTo(7);
        assertThat(a.percent()).isEqualByComparingTo("41");
        assertThat(a.broken()).isTrue();
        // the 43rd best total is 91: an A0 cut-off of 91.01 would leave at most 42 in the A range
        assertThat(a.cutoffToMeet()).contains(new BigDecimal("91.01"));
        // with the whole class at 100 no A+ cut-off up to 100 meets a 35 % quota on A+ alone
        LetterScale aPlusOnly = LetterScale.of(SCALE.cutoffs(), List.of(quota("A+", "35")));
        LetterGrades.QuotaCheck top = LetterGrades.distribute(aPlusOnly, List.of(total("100"), total("100"),
                total("100"))).quotas().getFirst();
        assertThat(top.over()).isEqualTo(2);
        assertThat(top.cutoffToMeet()).isEmpty();
    }

    @Test
    void quotas_are_cumulative_and_the_allowed_number_is_rounded_down() {
        // 10 graded: A range 3 (A+ 1, A0 2), B range 5 → A or B = 8
        List<Optional<BigDecimal>> totals = List.of(total("97"), total("93"), total("90"), total("88"),
                total("86"), total("84"), total("82"), total("80"), total("70"), total("30"), Optional.empty());
        LetterGrades.Distribution d = LetterGrades.distribute(SCALE, totals);
        assertThat(d.graded()).isEqualTo(10);
        LetterGrades.QuotaCheck a = d.quotas().get(0);
        LetterGrades.QuotaCheck ab = d.quotas().get(1);
        // 35 % of 10 = 3.5 → 3 allowed; 3 in the A range: met
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.allowed()).isEqualTo(3);
        assertThat(a.broken()).isFalse();
        // 70 % of 10 = 7 allowed; A and B together are 8: one too many although B alone (5) is well below 70 %
        assertThat(ab.from()).isEqualTo("A+");
        assertThat(ab.through()).isEqualTo("B0");
        assertThat(ab.count()).isEqualTo(8);
        assertThat(ab.allowed()).isEqualTo(7);
        assertThat(ab.over()).isEqualTo(1);
        // raising B0's cut-off just above the 8th best total (80) would leave 7
        assertThat(ab.cutoffToMeet()).contains(new BigDecimal("80.01"));
        assertThat(d.quotasMet()).isFalse();
    }

    @Test
    void ties_at_the_edge_of_a_quota_count_together_and_the_suggested_cutoff_separates_them() {
        // 35 % of 4 = 1 allowed; two students tie at 92: both are A0, so the quota is broken by one
        LetterGrades.QuotaCheck a = LetterGrades.distribute(SCALE, List.of(total("92"), total("92"), total("70"),
                total("60"))).quotas().getFirst();
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.allowed()).isEqualTo(1);
        assertThat(a.over()).isEqualTo(1);
        // no minimum lets exactly one of two equal totals in; the lowest that meets the quota lets neither in
        assertThat(a.cutoffToMeet()).contains(new BigDecimal("92.01"));
    }

    @Test
    void counts_follow_the_scale_order() {
        LetterGrades.Distribution d = LetterGrades.distribute(SCALE, List.of(total("99"), total("95"), total("61"),
                total("12")));
        assertThat(d.letters()).extracting(LetterGrades.LetterCount::letter, LetterGrades.LetterCount::count)
                .containsExactly(tuple("A+", 2), tuple("A0", 0), tuple("B+", 0), tuple("B0", 0), tuple("C+", 0),
                        tuple("C0", 0), tuple("D+", 0), tuple("D0", 1), tuple("F", 1));
    }

    @Test
    void the_histogram_has_20_bins_of_5_points_and_100_falls_in_the_last() {
        List<LetterGrades.Bin> bins = LetterGrades.histogram(List.of(new BigDecimal("100"), new BigDecimal("95"),
                new BigDecimal("94.99"), new BigDecimal("94.995"), new BigDecimal("0"), new BigDecimal("4.999")), 5);
        assertThat(bins).hasSize(20);
        assertThat(bins.getFirst().from()).isEqualByComparingTo("0");
        assertThat(bins.getLast().to()).isEqualByComparingTo("100");
        // 100, 95 and 94.995 (shown as 95.00) in the last bin; 94.99 below it; 4.999 is shown as 5.00
        assertThat(bins.get(19).count()).isEqualTo(3);
        assertThat(bins.get(18).count()).isEqualTo(1);
        assertThat(bins.get(0).count()).isEqualTo(1);
        assertThat(bins.get(1).count()).isEqualTo(1);
        assertThat(bins.stream().mapToInt(LetterGrades.Bin::count).sum()).isEqualTo(6);
    }

    // --- the scale itself ---------------------------------------------------------------------------------------------

    @Test
    void a_valid_scale_is_kept_with_two_decimals_and_its_letters_stripped() {
        LetterScale scale = LetterScale.of(List.of(cut(" P ", "50.5"), cut("F", "0")),
                List.of(new LetterScale.Quota("p", new BigDecimal("80"))));
        assertThat(scale.cutoffs()).extracting(LetterScale.Cutoff::letter, c -> c.minimum().toPlainString())
                .containsExactly(tuple("P", "50.50"), tuple("F", "0.00"));
        assertThat(scale.quotas()).extracting(LetterScale.Quota::through).containsExactly("P");
        assertThat(LetterGrades.letter(scale, total("50.5"))).contains("P");
        assertThat(LetterScale.of(SCALE.cutoffs(), SCALE.quotas())).isEqualTo(SCALE);
    }

    @Test
    void a_bad_scale_is_refused_with_a_reason() {
        refused(() -> LetterScale.of(List.of(cut("F", "0")), List.of()), "letters.error.letterCount");
        refused(() -> LetterScale.of(List.of(cut("A", "90"), cut(" ", "0")), List.of()), "letters.error.letter");
        refused(() -> LetterScale.of(List.of(cut("A B", "90"), cut("F", "0")), List.of()), "letters.error.letter");
        refused(() -> LetterScale.of(List.of(cut("A", "90"), cut("a", "0")), List.of()),
                "letters.error.letterTwice");
        refused(() -> LetterScale.of(List.of(cut("A", "100.5"), cut("F", "0")), List.of()),
                "letters.error.minimum");
        refused(() -> LetterScale.of(List.of(cut("A", "90.123"), cut("F", "0")), List.of()),
                "letters.error.minimum");
        refused(() -> LetterScale.of(List.of(cut("A", "80"), cut("B", "80"), cut("F", "0")), List.of()),
                "letters.error.order");
        refused(() -> LetterScale.of(List.of(cut("A", "80"), cut("B", "85"), cut("F", "0")), List.of()),
                "letters.error.order");
        refused(() -> LetterScale.of(List.of(cut("A", "80"), cut("F", "10")), List.of()),
                "letters.error.lastNotZero");
        List<LetterScale.Cutoff> abf = List.of(cut("A", "90"), cut("B", "80"), cut("F", "0"));
        refused(() -> LetterScale.of(abf, List.of(quota("F", "100"))), "letters.error.quotaLetter");
        refused(() -> LetterScale.of(abf, List.of(quota("C", "50"))), "letters.error.quotaLetter");
        refused(() -> LetterScale.of(abf, List.of(quota("A", "101"))), "letters.error.quotaPercent");
        refused(() -> LetterScale.of(abf, List.of(quota("B", "70"), quota("A", "80"))), "letters.error.quotaOrder");
        refused(() -> LetterScale.of(abf, List.of(quota("A", "35"), quota("A", "70"))), "letters.error.quotaOrder");
        refused(() -> LetterScale.of(abf, List.of(quota("A", "35"), quota("B", "30"))),
                "letters.error.quotaShrinks");
        refused(() -> LetterScale.of(abf, List.of(new LetterScale.Quota("A", null))), "letters.error.quotaPercent");
    }

    @Test
    void export_file_names_and_sheet_names_are_safe_and_formulas_are_made_inert() {
        assertThat(GradebookExport.fileName("딥러닝: 기초/응용", "성적부", ExportFormat.SHEET_XLSX))
                .isEqualTo("딥러닝 기초 응용 - 성적부.xlsx");
        assertThat(GradebookExport.sheetName("a[b]:c*d?e/f\\g" + "x".repeat(40))).hasSize(31).doesNotContain("[");
        assertThat(GradebookExport.inert("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(GradebookExport.inert("@SUM")).startsWith("'");
        assertThat(GradebookExport.inert("김민준")).isEqualTo("김민준");
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    private static Optional<String> letter(String total) {
        return LetterGrades.letter(SCALE, total(total));
    }

    private static Optional<BigDecimal> total(String value) {
        return Optional.of(new BigDecimal(value));
    }

    private static LetterScale.Cutoff cut(String letter, String minimum) {
        return new LetterScale.Cutoff(letter, new BigDecimal(minimum));
    }

    private static LetterScale.Quota quota(String through, String percent) {
        return new LetterScale.Quota(through, new BigDecimal(percent));
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo(key);
    }
}
