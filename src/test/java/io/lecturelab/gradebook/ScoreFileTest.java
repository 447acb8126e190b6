package io.lecturelab.gradebook;

import io.lecturelab.base.UserFacingException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Reading a score file: lines by number, header, byte-order mark, Windows line ends, quoted cells, bad files. */
class ScoreFileTest {

    @Test
    void lines_keep_their_numbers_across_a_header_empty_lines_and_windows_line_ends() {
        ScoreFile file = ScoreFile.parse(("\uFEFFStudent number,Item,Points,Excused\r\n"
                + "2026001,Midterm,70\r\n\r\n"
                + "2026002,\"Final, part 1\",12.5,\r\n"
                + "2026003,Midterm,,면제\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(file.problems()).isEmpty();
        assertThat(file.lines()).extracting(ScoreFile.Line::line, ScoreFile.Line::studentNumber, ScoreFile.Line::item,
                ScoreFile.Line::points, ScoreFile.Line::excused).containsExactly(
                tuple(2L, "2026001", "Midterm", "70", false),
                tuple(4L, "2026002", "Final, part 1", "12.5", false),
                tuple(5L, "2026003", "Midterm", "", true));
    }

    @Test
    void bad_files_and_lines_are_named() {
        assertThat(ScoreFile.parse(new byte[]{(byte) 0xff, (byte) 0xfe, 0x41}).problems())
                .extracting(ImportProblem::messageKey).containsExactly("gradebook.import.encoding");
        assertThat(ScoreFile.parse("\n\n".getBytes(StandardCharsets.UTF_8)).problems())
                .extracting(ImportProblem::messageKey).containsExactly("gradebook.import.empty");
        ScoreFile file = ScoreFile.parse("2026001,Midterm\n2026001;Midterm;70\n2026002,Midterm,1,perhaps\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(file.problems()).extracting(ImportProblem::line, ImportProblem::messageKey).containsExactly(
                tuple(1L, "gradebook.import.columns"), tuple(2L, "gradebook.import.columns"),
                tuple(3L, "gradebook.import.excusedValue"));
    }

    @Test
    void a_mark_is_points_or_excused_with_at_most_two_decimals() {
        assertThat(Mark.of("7.5")).isEqualTo(Mark.of(new BigDecimal("7.50")));
        assertThat(Mark.EMPTY.isEmpty()).isTrue();
        assertThat(Mark.EXCUSED.graded()).isFalse();
        assertThatThrownBy(() -> Mark.of("7.125")).isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo("gradebook.error.decimals");
        assertThatThrownBy(() -> new Mark(BigDecimal.ONE, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
