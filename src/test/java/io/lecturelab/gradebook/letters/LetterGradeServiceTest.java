package io.lecturelab.gradebook.letters;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.NewMember;
import io.lecturelab.gradebook.CategoryDraft;
import io.lecturelab.gradebook.CellEdit;
import io.lecturelab.gradebook.GradebookLayout;
import io.lecturelab.gradebook.GradebookService;
import io.lecturelab.gradebook.ImportPreview;
import io.lecturelab.gradebook.ItemDraft;
import io.lecturelab.gradebook.ItemSource;
import io.lecturelab.gradebook.Mark;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.assertj.core.api.ThrowableAssert;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Final grades against the real PostgreSQL and the real gradebook: who may read and change them, the letter scale's
 * version, letters from the gradebook's totals, and the exports (the scores file imported back unchanged, the sheet
 * as CSV and XLSX with Korean intact).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class LetterGradeServiceTest {

    @Inject
    LetterGradeService letters;

    @Inject
    GradebookService gradebook;

    @Inject
    CourseService courses;

    @Inject
    UserService users;

    private long course;
    private SignedInUser instructor;
    private SignedInUser ta;
    private SignedInUser alice;
    private SignedInUser bob;
    private SignedInUser carol;
    private SignedInUser dave;
    private SignedInUser outsider;
    private long midterm;
    private long finalExam;
    private long homework;
    private String aliceNumber;

    @BeforeEach
    void course() {
        course = courses.create("letters-" + unique(), "딥러닝 기초", "2026 Fall", SignedInUser.system());
        instructor = person(course, CourseRole.INSTRUCTOR, null, "교수 " + unique());
        ta = person(course, CourseRole.TA, null, "TA " + unique());
        aliceNumber = "2026" + digits();
        alice = person(course, CourseRole.STUDENT, aliceNumber, "김민준");
        bob = person(course, CourseRole.STUDENT, "2026" + digits(), "Bob Lee");
        carol = person(course, CourseRole.STUDENT, "2026" + digits(), "최유나");
        dave = person(course, CourseRole.STUDENT, "2026" + digits(), "=Dave");
        long elsewhere = courses.create("letters-other-" + unique(), "Elsewhere", "2026 Fall", SignedInUser.system());
        outsider = person(elsewhere, CourseRole.INSTRUCTOR, null, "Outsider");

        GradebookLayout layout = gradebook.saveCategories(course, List.of(new CategoryDraft(null, "Exams",
                new BigDecimal("60")), new CategoryDraft(null, "Homework", new BigDecimal("40"))), 0, instructor);
        long exams = layout.categories().get(0).id();
        long work = layout.categories().get(1).id();
        gradebook.addItem(course, entered(exams, "Midterm", "100"), instructor);
        gradebook.addItem(course, entered(exams, "Final exam", "100"), instructor);
        layout = gradebook.addItem(course, entered(work, "숙제 1", "20"), instructor);
        midterm = layout.categories().get(0).items().get(0).id();
        finalExam = layout.categories().get(0).items().get(1).id();
        homework = layout.categories().get(1).items().get(0).id();
    }

    /**
     * alice 95 / 95 / 19 of 20 → 95 (A+); dave 89.99 / 90 / 18 of 20 → 89.997, shown 90.00 (A0); bob only the
     * midterm, 50 → 50 over Exams only (F, partial); carol nothing → not graded.
     */
    private void enterScores() {
        gradebook.enterScores(course, List.of(
                cell(midterm, alice, "95"), cell(finalExam, alice, "95"), cell(homework, alice, "19"),
                cell(midterm, dave, "89.99"), cell(finalExam, dave, "90"), cell(homework, dave, "18"),
                cell(midterm, bob, "50"), new CellEdit(homework, bob.id(), Mark.EXCUSED, 0)), "sick note", ta);
    }

    @Test
    void letters_follow_the_gradebook_totals_as_shown_and_a_student_without_a_total_is_not_graded() {
        enterScores();
        FinalGrades grades = letters.finalGrades(course, instructor);
        assertThat(grades.version()).isZero();
        assertThat(grades.scale()).isEqualTo(LetterScale.DEFAULT);
        assertThat(grades.courseTitle()).isEqualTo("딥러닝 기초");
        assertThat(grades.students()).extracting(s -> s.name(), s -> s.total().map(BigDecimal::toPlainString)
                        .orElse("-"), s -> s.letter().orElse("-"), FinalGrades.StudentGrade::complete)
                .containsExactlyInAnyOrder(tuple("김민준", "95.00", "A+", true), tuple("=Dave", "90.00", "A0", true),
                        tuple("Bob Lee", "50.00", "F", false), tuple("최유나", "-", "-", false));
        assertThat(grades.partial()).isEqualTo(1);
        assertThat(grades.distribution().graded()).isEqualTo(3);
        assertThat(grades.distribution().notGraded()).isEqualTo(1);
        // 35 % of 3 graded = 1 allowed in the A range, 2 there
        LetterGrades.QuotaCheck a = grades.distribution().quotas().getFirst();
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.allowed()).isEqualTo(1);
        assertThat(a.over()).isEqualTo(1);
        assertThat(a.cutoffToMeet()).contains(new BigDecimal("90.01"));
        assertThat(grades.histogram()).hasSize(20);
        assertThat(grades.histogram().get(19).count()).isEqualTo(1);
        assertThat(grades.histogram().get(18).count()).isEqualTo(1);
        assertThat(grades.histogram().get(10).count()).isEqualTo(1);
    }

    @Test
    void staff_read_instructors_change_and_students_and_outsiders_are_refused() {
        assertThat(letters.finalGrades(course, instructor).editable()).isTrue();
        assertThat(letters.finalGrades(course, ta).editable()).isFalse();
        assertThat(letters.finalGrades(course, SignedInUser.system()).editable()).isTrue();
        refused(() -> letters.finalGrades(course, alice), "access.staffOnly");
        refused(() -> letters.finalGrades(course, outsider), "course.error.notFound");
        refused(() -> letters.finalGrades(Long.MAX_VALUE, instructor), "course.error.notFound");

        List<LetterScale.Cutoff> pf = List.of(cut("P", "60"), cut("F", "0"));
        refused(() -> letters.saveScale(course, pf, List.of(), 0, ta), "access.instructorOnly");
        refused(() -> letters.saveScale(course, pf, List.of(), 0, alice), "access.instructorOnly");
        refused(() -> letters.saveScale(course, pf, List.of(), 0, outsider), "course.error.notFound");
        assertThat(letters.finalGrades(course, ta).version()).isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        refused(() -> letters.scoresCsv(course, alice), "access.staffOnly");
        refused(() -> letters.scoresCsv(course, outsider), "course.error.notFound");
        refused(() -> letters.writeSheet(course, ExportFormat.SHEET_XLSX, Locale.KOREAN, alice, out),
                "access.staffOnly");
        refused(() -> letters.writeSheet(course, ExportFormat.SHEET_CSV, Locale.ENGLISH, outsider, out),
                "course.error.notFound");
        refused(() -> letters.fileName(course, ExportFormat.SHEET_CSV, Locale.ENGLISH, alice), "access.staffOnly");
        assertThat(out.size()).isZero();
        assertThat(letters.scoresCsv(course, ta)).isNotEmpty();
    }

    @Test
    void the_scale_is_saved_with_a_version_and_a_stale_or_bad_save_changes_nothing() {
        enterScores();
        List<LetterScale.Cutoff> passFail = List.of(cut("P", "60"), cut("F", "0"));
        FinalGrades saved = letters.saveScale(course, passFail, List.of(new LetterScale.Quota("P", new BigDecimal(
                "50"))), 0, instructor);
        assertThat(saved.version()).isEqualTo(1);
        assertThat(saved.scale().cutoffs()).extracting(LetterScale.Cutoff::letter).containsExactly("P", "F");
        assertThat(saved.students()).filteredOn(s -> s.name().equals("Bob Lee")).extracting(s -> s.letter()
                .orElseThrow()).containsExactly("F");
        // 2 of 3 graded passed, 50 % allows 1
        assertThat(saved.distribution().quotas()).extracting(LetterGrades.QuotaCheck::count,
                LetterGrades.QuotaCheck::allowed).containsExactly(tuple(2, 1));

        // someone who read the default (version 0) cannot overwrite it, nor can a second save of version 1
        refused(() -> letters.saveScale(course, LetterScale.DEFAULT.cutoffs(), List.of(), 0, instructor),
                "letters.error.concurrentEdit");
        letters.saveScale(course, LetterScale.DEFAULT.cutoffs(), LetterScale.DEFAULT.quotas(), 1, instructor);
        refused(() -> letters.saveScale(course, passFail, List.of(), 1, instructor), "letters.error.concurrentEdit");
        FinalGrades now = letters.finalGrades(course, ta);
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.scale()).isEqualTo(LetterScale.DEFAULT);

        // a bad scale is refused before anything is written
        refused(() -> letters.saveScale(course, List.of(cut("A", "50"), cut("B", "60"), cut("F", "0")), List.of(),
                2, instructor), "letters.error.order");
        refused(() -> letters.saveScale(course, passFail, List.of(new LetterScale.Quota("Z", BigDecimal.TEN)), 2,
                instructor), "letters.error.quotaLetter");
        assertThat(letters.finalGrades(course, ta).version()).isEqualTo(2);
        assertThat(letters.finalGrades(course, ta).scale()).isEqualTo(LetterScale.DEFAULT);
    }

    @Test
    void two_instructors_saving_the_default_scale_at_once_one_wins_and_the_other_is_told() throws Exception {
        SignedInUser second = person(course, CourseRole.INSTRUCTOR, null, "Second instructor");
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> results = new ArrayList<>();
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (SignedInUser editor : List.of(instructor, second)) {
                String pass = editor == instructor ? "50" : "60";
                outcomes.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        letters.saveScale(course, List.of(cut("P", pass), cut("F", "0")), List.of(), 0, editor);
                        return pass;
                    } catch (UserFacingException e) {
                        return e.messageKey();
                    }
                }));
            }
            for (Future<String> f : outcomes) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(results).containsOnlyOnce("letters.error.concurrentEdit");
        String winner = results.stream().filter(r -> !r.startsWith("letters.")).findFirst().orElseThrow();
        FinalGrades now = letters.finalGrades(course, ta);
        assertThat(now.version()).isEqualTo(1);
        // the scale stored is the winner's, whole: never a mix of the two
        assertThat(now.scale().cutoffs()).extracting(c -> LetterScale.plain(c.minimum())).containsExactly(winner,
                "0");
    }

    @Test
    void the_scores_file_is_read_back_by_the_gradebook_import_unchanged_and_restores_a_changed_cell() {
        enterScores();
        byte[] csv = letters.scoresCsv(course, ta);
        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8).substring(1);
        assertThat(text).startsWith("student number,item,points,excused\r\n");
        assertThat(text).contains(aliceNumber + ",숙제 1,19,\r\n");
        assertThat(text).contains(",Midterm,89.99,\r\n");
        assertThat(text).contains(",숙제 1,,excused\r\n");
        // 8 marks: alice 3, dave 3, bob 2 (one of them excused); carol has none
        assertThat(text.lines().count()).isEqualTo(1 + 8);

        ImportPreview same = gradebook.previewImport(course, csv, instructor);
        assertThat(same.problems()).isEmpty();
        assertThat(same.changes()).isEmpty();
        assertThat(same.unchanged()).isEqualTo(8);

        // a correction after the export: importing the file puts the exported value back, and only that one
        gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.of("80"),
                gradebook.sheet(course, ta).rows().stream().filter(r -> r.userId() == alice.id()).findFirst()
                        .orElseThrow().cells().get(midterm).version())), "regrade", instructor);
        ImportPreview back = gradebook.previewImport(course, csv, instructor);
        assertThat(back.problems()).isEmpty();
        assertThat(back.changes()).extracting(ImportPreview.Change::studentNumber, ImportPreview.Change::itemTitle,
                c -> c.before().toString(), c -> c.after().toString())
                .containsExactly(tuple(aliceNumber, "Midterm", "80.00", "95.00"));
        assertThat(gradebook.applyImport(course, csv, back, "restore", instructor).problems()).isEmpty();
        assertThat(letters.finalGrades(course, ta).students()).filteredOn(s -> s.userId() == alice.id())
                .extracting(s -> s.total().orElseThrow().toPlainString()).containsExactly("95.00");
    }

    @Test
    void the_sheet_is_written_as_csv_and_xlsx_with_korean_intact_and_numbers_as_numbers() throws IOException {
        enterScores();
        assertThat(letters.fileName(course, ExportFormat.SHEET_XLSX, Locale.KOREAN, ta))
                .isEqualTo("딥러닝 기초 - 성적부.xlsx");
        assertThat(letters.fileName(course, ExportFormat.SCORES_CSV, Locale.ENGLISH, ta))
                .isEqualTo("딥러닝 기초 - scores.csv");

        ByteArrayOutputStream csvOut = new ByteArrayOutputStream();
        letters.writeSheet(course, ExportFormat.SHEET_CSV, Locale.KOREAN, ta, csvOut);
        byte[] csv = csvOut.toByteArray();
        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<String> lines = new String(csv, StandardCharsets.UTF_8).substring(1).lines().toList();
        assertThat(lines.getFirst()).isEqualTo("학번,이름,Midterm (/100),Final exam (/100),숙제 1 (/20),"
                + "Exams (60%),Homework (40%),총점(%),학점");
        assertThat(lines).contains(aliceNumber + ",김민준,95.00,95.00,19.00,95.00,95.00,95.00,A+");
        // a name that would be a formula in Excel is written inert; a student without a total is "not graded"
        assertThat(lines).anyMatch(l -> l.contains(",'=Dave,89.99,90.00,18.00,90.00,90.00,90.00,A0"));
        assertThat(lines).anyMatch(l -> l.contains(",Bob Lee,50.00,,면제,50.00,,50.00,F"));
        assertThat(lines).anyMatch(l -> l.endsWith(",최유나" + ",".repeat(7) + "채점 전"));
        assertThat(lines).hasSize(5);

        ByteArrayOutputStream xlsxOut = new ByteArrayOutputStream();
        letters.writeSheet(course, ExportFormat.SHEET_XLSX, Locale.ENGLISH, ta, xlsxOut);
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(xlsxOut.toByteArray()))) {
            assertThat(book.getFirstSheet().getName()).isEqualTo("Gradebook");
            List<Row> rows = book.getFirstSheet().read();
            assertThat(rows).hasSize(5);
            assertThat(rows.getFirst().getCellText(0)).isEqualTo("Student number");
            assertThat(rows.getFirst().getCellText(4)).isEqualTo("숙제 1 (/20)");
            assertThat(rows.getFirst().getCellText(8)).isEqualTo("Letter");
            Row aliceRow = rows.stream().filter(r -> aliceNumber.equals(r.getCellText(0))).findFirst().orElseThrow();
            assertThat(aliceRow.getCellText(1)).isEqualTo("김민준");
            assertThat(aliceRow.getCellAsNumber(7).map(BigDecimal::stripTrailingZeros))
                    .contains(new BigDecimal("95"));
            assertThat(aliceRow.getCellAsNumber(4).map(BigDecimal::stripTrailingZeros)).contains(
                    new BigDecimal("19"));
            assertThat(aliceRow.getCellText(8)).isEqualTo("A+");
            Row dave = rows.stream().filter(r -> "=Dave".equals(r.getCellText(1))).findFirst().orElseThrow();
            assertThat(dave.getCellText(8)).isEqualTo("A0");
            Row carol = rows.stream().filter(r -> "최유나".equals(r.getCellText(1))).findFirst().orElseThrow();
            assertThat(carol.getCellText(8)).isEqualTo("Not graded");
            assertThat(carol.getOptionalCell(7).map(c -> c.getText()).orElse("")).isEmpty();
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    private static CellEdit cell(long item, SignedInUser student, String points) {
        return new CellEdit(item, student.id(), Mark.of(points), 0);
    }

    private static ItemDraft entered(long categoryId, String title, String max) {
        return new ItemDraft(categoryId, title, ItemSource.ENTERED, null, new BigDecimal(max), BigDecimal.ONE, 0);
    }

    private static LetterScale.Cutoff cut(String letter, String minimum) {
        return new LetterScale.Cutoff(letter, new BigDecimal(minimum));
    }

    private SignedInUser person(long courseId, CourseRole role, String studentNumber, String displayName) {
        String name = "u" + unique();
        var account = courses.addMember(courseId, new NewMember(name, displayName, null, studentNumber, role),
                SignedInUser.system()).orElseThrow();
        return SignedInUser.of(users.find(account.userId()).orElseThrow());
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo(key);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String digits() {
        return Long.toString(Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L) + 100_000_000L)
                .substring(1);
    }
}
