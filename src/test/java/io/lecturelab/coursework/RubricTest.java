package io.lecturelab.coursework;

import io.lecturelab.base.UserFacingException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RubricTest {

    @Test
    void items_are_read_one_per_line_with_their_points_and_add_up() {
        Rubric rubric = Rubric.parse("""
                4 | The loss is computed correctly
                  3|Gradients checked numerically\s\s

                2 | Plots: loss | accuracy
                1 | Clear write-up
                """);

        assertThat(rubric.items()).containsExactly(
                new Rubric.Item(4, "The loss is computed correctly"),
                new Rubric.Item(3, "Gradients checked numerically"),
                new Rubric.Item(2, "Plots: loss | accuracy"),
                new Rubric.Item(1, "Clear write-up"));
        assertThat(rubric.total()).isEqualTo(10);
        assertThat(Rubric.parse(rubric.text())).isEqualTo(rubric);
        assertThat(Rubric.parse("0 | Bonus question attempted").total()).isZero();
    }

    @Test
    void nothing_written_is_no_rubric() {
        assertThat(Rubric.parse("")).isEqualTo(Rubric.NONE);
        assertThat(Rubric.parse(null)).isEqualTo(Rubric.NONE);
        assertThat(Rubric.parse("\n   \r\n\t\n")).isEqualTo(Rubric.NONE);
        assertThat(Rubric.NONE.total()).isZero();
        assertThat(Rubric.NONE.text()).isEmpty();
    }

    @Test
    void a_line_that_cannot_be_read_is_refused_with_its_line_number_counting_blank_lines() {
        badLine("4 | ok\nno bar here", 2);
        badLine("4 | ok\n\n\nfour | words", 4);
        badLine("| no points", 1);
        badLine("5 |", 1);
        badLine("5 |    ", 1);
        badLine("-1 | negative", 1);
        badLine("2.5 | fractions are not points", 1);
        badLine("99999999999 | too many", 1);
        badLine("1 | a\r\n2 | b\r\nthree", 3);
    }

    @Test
    void an_assignment_whose_rubric_does_not_add_up_to_its_points_is_refused() {
        Rubric rubric = Rubric.parse("4 | a\n3 | b");
        assertThatThrownBy(() -> draft(10, rubric)).isInstanceOf(UserFacingException.class)
                .satisfies(e -> {
                    assertThat(((UserFacingException) e).messageKey()).isEqualTo("assignment.error.rubricTotal");
                    assertThat(((UserFacingException) e).arguments()).containsExactly(7, 10);
                });
        assertThat(draft(7, rubric).rubric()).isEqualTo(rubric);
        assertThat(draft(10, Rubric.NONE).rubric()).isEqualTo(Rubric.NONE);
    }

    private static AssignmentDraft draft(int points, Rubric rubric) {
        return new AssignmentDraft(AssignmentKind.HOMEWORK, "HW", "", points, Instant.parse("2026-12-05T14:59:00Z"),
                Optional.empty(), 0, 7, rubric, true, 0);
    }

    private static void badLine(String text, int line) {
        assertThatThrownBy(() -> Rubric.parse(text)).as(text).isInstanceOf(UserFacingException.class)
                .satisfies(e -> {
                    assertThat(((UserFacingException) e).messageKey()).isEqualTo("assignment.error.rubricLine");
                    assertThat(((UserFacingException) e).arguments()).containsExactly(line);
                });
    }
}
