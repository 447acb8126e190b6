package io.lecturelab.course;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RosterTest {

    private static Roster parse(String csv) {
        return Roster.parse(csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_clean_file_with_header_bom_quotes_and_korean_names_is_read() {
        Roster roster = parse("\uFEFFstudent_id,name,email\r\n"
                + "2022001,김민준,minjun@uos.ac.kr\r\n"
                + "2022002,\"Lee, Seo-yeon\",SEOYEON@uos.ac.kr\r\n"
                + "\r\n"
                + "2022003,박지후,jihoo@uos.ac.kr");
        assertThat(roster.problems()).isEmpty();
        assertThat(roster.students()).extracting(Roster.Student::line, Roster.Student::studentId,
                        Roster.Student::name, Roster.Student::email)
                .containsExactly(tuple(2L, "2022001", "김민준", "minjun@uos.ac.kr"),
                        tuple(3L, "2022002", "Lee, Seo-yeon", "seoyeon@uos.ac.kr"),
                        tuple(5L, "2022003", "박지후", "jihoo@uos.ac.kr"));
    }

    @Test
    void a_file_without_header_is_read_too() {
        assertThat(parse("2022001,Kim,kim@example.com\n").students()).hasSize(1);
    }

    @Test
    void every_bad_line_is_reported_with_its_number_and_nothing_is_accepted() {
        Roster roster = parse("학번,이름,이메일\n"
                + "2022001,Kim,kim@example.com\n"
                + "2022002,Lee\n"
                + "20 22,Park,park@example.com\n"
                + "2022001,Choi,choi@example.com\n"
                + "2022005,,not-an-email\n"
                + "2022006,Jung,KIM@example.com\n");
        assertThat(roster.isClean()).isFalse();
        assertThat(roster.students()).isEmpty();
        assertThat(roster.problems()).extracting(RosterProblem::line, RosterProblem::messageKey)
                .containsExactly(tuple(3L, "roster.error.columns"),
                        tuple(4L, "roster.error.studentId"),
                        tuple(5L, "roster.error.duplicateId"),
                        tuple(6L, "roster.error.name"),
                        tuple(6L, "roster.error.email"),
                        tuple(7L, "roster.error.duplicateEmail"));
        assertThat(roster.problems().get(2).arguments()).containsExactly("2022001", 2L);
    }

    @Test
    void text_that_is_not_utf8_is_refused() {
        byte[] latin1 = "2022001,Müller,m@example.com".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Roster.parse(latin1).problems()).extracting(RosterProblem::messageKey)
                .containsExactly("roster.error.encoding");
    }

    @Test
    void an_unclosed_quote_is_reported_as_malformed() {
        Roster roster = parse("2022001,Kim,kim@example.com\n2022002,\"Lee,lee@example.com\n");
        assertThat(roster.problems()).extracting(RosterProblem::messageKey).containsExactly("roster.error.malformed");
    }

    @Test
    void an_empty_file_is_refused() {
        assertThat(parse("student_id,name,email\n").problems()).extracting(RosterProblem::messageKey)
                .containsExactly("roster.error.empty");
    }
}
