package io.lecturelab.gradebook;

import io.lecturelab.gradebook.WeightedTotal.Category;
import io.lecturelab.gradebook.WeightedTotal.Entry;
import io.lecturelab.gradebook.WeightedTotal.Outcome;
import io.lecturelab.gradebook.WeightedTotal.Result;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The weighted total's arithmetic: excused and ungraded items, empty categories, rounding and the what-if. */
class WeightedTotalTest {

    @Test
    void a_category_is_the_weighted_mean_of_its_graded_items() {
        // 8/10 = 80 % with weight 1, 15/20 = 75 % with weight 3: (80 + 225) / 4 = 76.25
        Result r = WeightedTotal.compute(List.of(cat(1, "100", item(1, "1", "10", "8"), item(2, "3", "20", "15"))));
        assertThat(r.categories().getFirst().percent()).map(WeightedTotal::display).contains(new BigDecimal("76.25"));
        assertThat(r.total()).map(WeightedTotal::display).contains(new BigDecimal("76.25"));
        assertThat(r.categories().getFirst().graded()).isEqualTo(2);
    }

    @Test
    void excused_and_ungraded_items_drop_out_instead_of_counting_as_zero() {
        Category c = cat(1, "100", item(1, "1", "10", "9"), excused(2, "1", "10"), ungraded(3, "1", "10"));
        Result r = WeightedTotal.compute(List.of(c));
        assertThat(r.total()).map(WeightedTotal::display).contains(new BigDecimal("90.00"));
        assertThat(r.categories().getFirst()).extracting(WeightedTotal.CategoryResult::graded,
                WeightedTotal.CategoryResult::excused, WeightedTotal.CategoryResult::notGraded).containsExactly(1, 1, 1);
    }

    @Test
    void zero_points_count_as_zero() {
        Result r = WeightedTotal.compute(List.of(cat(1, "100", item(1, "1", "10", "0"), item(2, "1", "10", "10"))));
        assertThat(r.total()).map(WeightedTotal::display).contains(new BigDecimal("50.00"));
    }

    @Test
    void an_empty_category_is_not_graded_yet_and_the_total_says_which_weights_it_covers() {
        // Attendance 10, Midterm 30 graded (90 %), Final 30 not graded, Homework 30 (70 %)
        Result r = WeightedTotal.compute(List.of(
                cat(1, "10", ungraded(10, "1", "100")),
                cat(2, "30", item(20, "1", "100", "90")),
                cat(3, "30"),
                cat(4, "30", item(40, "1", "10", "7"), excused(41, "1", "10"))));
        assertThat(r.categories().get(0).percent()).isEmpty();
        assertThat(r.categories().get(2).percent()).isEmpty();
        assertThat(r.included()).containsExactly(2L, 4L);
        assertThat(r.includedWeight()).isEqualByComparingTo("60");
        // (30 * 90 + 30 * 70) / 60 = 80, not (2700 + 2100) / 100 = 48
        assertThat(r.total()).map(WeightedTotal::display).contains(new BigDecimal("80.00"));
    }

    @Test
    void nothing_graded_anywhere_has_no_total_rather_than_zero() {
        Result r = WeightedTotal.compute(List.of(cat(1, "50", ungraded(1, "1", "10")), cat(2, "50",
                excused(2, "1", "10"))));
        assertThat(r.total()).isEmpty();
        assertThat(r.included()).isEmpty();
        assertThat(r.includedWeight()).isEqualByComparingTo("0");
        assertThat(WeightedTotal.compute(List.of()).total()).isEmpty();
    }

    @Test
    void an_item_of_weight_zero_is_shown_but_counts_for_nothing() {
        Result r = WeightedTotal.compute(List.of(cat(1, "100", item(1, "0", "10", "0"), item(2, "1", "10", "6"))));
        assertThat(r.total()).map(WeightedTotal::display).contains(new BigDecimal("60.00"));
        Result only = WeightedTotal.compute(List.of(cat(1, "100", item(1, "0", "10", "3"))));
        assertThat(only.total()).isEmpty();
    }

    @Test
    void rounding_is_half_up_to_two_decimals_at_display_only() {
        assertThat(WeightedTotal.display(new BigDecimal("0.125"))).isEqualTo(new BigDecimal("0.13"));
        assertThat(WeightedTotal.display(new BigDecimal("12.345"))).isEqualTo(new BigDecimal("12.35"));
        assertThat(WeightedTotal.display(new BigDecimal("12.3449999"))).isEqualTo(new BigDecimal("12.34"));
        assertThat(WeightedTotal.display(new BigDecimal("-0.005"))).isEqualTo(new BigDecimal("-0.01"));
        // 1 of 800 points: 0.125 % (half even would show 0.12)
        Result r = WeightedTotal.compute(List.of(cat(1, "100", item(1, "1", "800", "1"))));
        assertThat(r.total()).map(WeightedTotal::display).contains(new BigDecimal("0.13"));
        // 2/3 and 1/3 are carried unrounded: 66.666…
        Result thirds = WeightedTotal.compute(List.of(cat(1, "100", item(1, "1", "3", "2"))));
        assertThat(thirds.total().orElseThrow().toPlainString()).startsWith("66.66666666666666");
        assertThat(thirds.total()).map(WeightedTotal::display).contains(new BigDecimal("66.67"));
    }

    @Test
    void subtotals_are_not_rounded_before_the_total() {
        // 10.006 % and 10.003 %: the exact mean 10.0045 shows as 10.00; rounding the parts first (10.01 and 10.00)
        // would have shown 10.01
        Result r = WeightedTotal.compute(List.of(cat(1, "50", item(1, "1", "100000", "10006")), cat(2, "50",
                item(2, "1", "100000", "10003"))));
        assertThat(r.total().orElseThrow()).isEqualByComparingTo("10.0045");
        assertThat(r.total()).map(WeightedTotal::display).contains(new BigDecimal("10.00"));
        // 30 % at 1/3 and 70 % at 1/6: 21.666… carried unrounded
        Result thirds = WeightedTotal.compute(List.of(cat(1, "30", item(1, "1", "3", "1")), cat(2, "70",
                item(2, "1", "6", "1"))));
        assertThat(thirds.total().orElseThrow().toPlainString()).startsWith("21.6666666666");
    }

    @Test
    void the_sample_policy_with_everything_graded() {
        Result r = WeightedTotal.compute(List.of(
                cat(1, "10", item(1, "1", "100", "100")),
                cat(2, "30", item(2, "1", "100", "80")),
                cat(3, "30", item(3, "1", "100", "70")),
                cat(4, "30", item(4, "1", "10", "9"), item(5, "1", "10", "10"), item(6, "1", "20", "10"))));
        // homework: (90 + 100 + 50) / 3 = 80; total = 10 + 24 + 21 + 24 = 79
        assertThat(r.total()).map(WeightedTotal::display).contains(new BigDecimal("79.00"));
        assertThat(r.includedWeight()).isEqualByComparingTo("100");
    }

    // --- what-if ----------------------------------------------------------------------------------------------------

    @Test
    void what_if_finds_the_points_needed_on_the_final() {
        List<Category> record = List.of(
                cat(1, "10", item(1, "1", "100", "100")),
                cat(2, "30", item(2, "1", "100", "80")),
                cat(3, "30", ungraded(3, "1", "100")),
                cat(4, "30", item(4, "1", "10", "8")));
        // total = 10 + 24 + 0.3 x + 24 = 58 + 0.3 x ≥ 85 → x = 90
        WeightedTotal.WhatIf w = WeightedTotal.needed(record, 3, new BigDecimal("85"));
        assertThat(w.outcome()).isEqualTo(Outcome.NEEDS);
        assertThat(w.points()).contains(new BigDecimal("90.00"));
        // 58 + 0.3 x ≥ 80 → x = 73.333… → rounded up to 73.34 (73.33 would give 79.999)
        assertThat(WeightedTotal.needed(record, 3, new BigDecimal("80")).points()).contains(new BigDecimal("73.34"));
    }

    @Test
    void what_if_says_when_a_target_is_out_of_reach_or_already_reached() {
        List<Category> record = List.of(cat(1, "50", item(1, "1", "100", "40")), cat(2, "50",
                ungraded(2, "1", "100")));
        assertThat(WeightedTotal.needed(record, 2, new BigDecimal("71")).outcome()).isEqualTo(Outcome.NOT_REACHABLE);
        assertThat(WeightedTotal.needed(record, 2, new BigDecimal("70")).points()).contains(new BigDecimal("100.00"));
        assertThat(WeightedTotal.needed(record, 2, new BigDecimal("20")))
                .isEqualTo(new WeightedTotal.WhatIf(Outcome.ALREADY_REACHED, Optional.of(new BigDecimal("0.00"))));
    }

    @Test
    void what_if_replaces_a_graded_item_and_ignores_excused_or_unknown_ones() {
        List<Category> record = List.of(cat(1, "100", item(1, "1", "10", "2"), item(2, "1", "10", "10"),
                excused(3, "1", "10")));
        // item 1 again: (x/10 + 1) / 2 * 100 ≥ 90 → x = 8
        assertThat(WeightedTotal.needed(record, 1, new BigDecimal("90")).points()).contains(new BigDecimal("8.00"));
        assertThat(WeightedTotal.needed(record, 3, new BigDecimal("90")).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(WeightedTotal.needed(record, 99, new BigDecimal("90")).outcome())
                .isEqualTo(Outcome.NOT_APPLICABLE);
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static Category cat(long id, String weight, Entry... entries) {
        return new Category(id, new BigDecimal(weight), List.of(entries));
    }

    private static Entry item(long id, String weight, String max, String points) {
        return new Entry(id, new BigDecimal(weight), new BigDecimal(max), Mark.of(points));
    }

    private static Entry excused(long id, String weight, String max) {
        return new Entry(id, new BigDecimal(weight), new BigDecimal(max), Mark.EXCUSED);
    }

    private static Entry ungraded(long id, String weight, String max) {
        return new Entry(id, new BigDecimal(weight), new BigDecimal(max), Mark.EMPTY);
    }
}
