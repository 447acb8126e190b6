package io.lecturelab.gradebook.letters;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.i18n.Translations;
import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.CourseSummary;
import io.lecturelab.gradebook.GradebookService;
import io.lecturelab.gradebook.GradebookSheet;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Final letter grades of a course. Staff (instructors, teaching assistants, administrators) read them and download
 * the gradebook; only instructors (and administrators) change the letter scale and its quotas, saved as one set and
 * refused when someone else saved since. Every call decides access itself. The totals are the gradebook's
 * ({@link GradebookService#sheet}), read when asked, so letters always follow the latest scores.
 */
@ApplicationScoped
@Transactional
public class LetterGradeService {

    private static final Translations TEXTS = new Translations();

    private final LetterScaleRepository repository;
    private final GradebookService gradebook;
    private final CourseService courses;
    private final Clock clock;

    LetterGradeService(LetterScaleRepository repository, GradebookService gradebook, CourseService courses,
                       Clock clock) {
        this.repository = repository;
        this.gradebook = gradebook;
        this.courses = courses;
        this.clock = clock;
    }

    /** Every student's total and letter, the counts, the quotas and the histogram (staff). */
    public FinalGrades finalGrades(long courseId, SignedInUser staff) {
        CourseAccess access = courses.requireStaff(courseId, staff);
        return compute(courseId, gradebook.sheet(courseId, staff), access);
    }

    /**
     * Replaces the course's letter scale (instructors): refused with a message, changing nothing, when the scale is
     * not valid (see {@link LetterScale#of}) or when someone saved since {@code version} was read (0: the default).
     */
    public FinalGrades saveScale(long courseId, List<LetterScale.Cutoff> cutoffs, List<LetterScale.Quota> quotas,
                                 int version, SignedInUser instructor) {
        courses.requireInstructor(courseId, instructor);
        LetterScale scale = LetterScale.of(cutoffs, quotas);
        if (!repository.replace(courseId, scale, version, instructor.id(), clock.instant())) {
            throw new UserFacingException("letters.error.concurrentEdit");
        }
        return finalGrades(courseId, instructor);
    }


    // --- downloads ------------------------------------------------------------------------------------------------

    /** The gradebook as the CSV import reads it (staff); see {@link GradebookExport#scores}. */
    public byte[] scoresCsv(long courseId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        return GradebookExport.scores(gradebook.sheet(courseId, staff));
    }

    /** The whole sheet, one row per student, as CSV or XLSX (staff), headers in {@code language}. */
    public void writeSheet(long courseId, ExportFormat format, Locale language, SignedInUser staff,
                           OutputStream out) throws IOException {
        CourseAccess access = courses.requireStaff(courseId, staff);
        if (format == ExportFormat.SCORES_CSV) {
            out.write(scoresCsv(courseId, staff));
            return;
        }
        GradebookSheet sheet = gradebook.sheet(courseId, staff);
        FinalGrades grades = compute(courseId, sheet, access);
        Locale locale = Translations.supported(language);
        GradebookExport.Table table = GradebookExport.table(sheet, grades,
                (key, arguments) -> TEXTS.getTranslation(key, locale, arguments));
        if (format == ExportFormat.SHEET_XLSX) {
            GradebookExport.xlsx(table, TEXTS.getTranslation("letters.export.sheetName", locale), out);
        } else {
            GradebookExport.csv(table, out);
        }
    }

    /** The download's file name: the course's title and what the file holds, in {@code language} (staff). */
    public String fileName(long courseId, ExportFormat format, Locale language, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        String title = courses.find(courseId).map(CourseSummary::title).orElse("");
        Locale locale = Translations.supported(language);
        String what = TEXTS.getTranslation(format == ExportFormat.SCORES_CSV ? "letters.export.scoresFile"
                : "letters.export.sheetFile", locale);
        return GradebookExport.fileName(title, what, format);
    }

    // --- inside -----------------------------------------------------------------------------------------------------

    private LetterScaleRepository.Stored stored(long courseId) {
        return repository.find(courseId).orElse(new LetterScaleRepository.Stored(LetterScale.DEFAULT, 0));
    }

    private FinalGrades compute(long courseId, GradebookSheet sheet, CourseAccess access) {
        LetterScaleRepository.Stored stored = stored(courseId);
        LetterScale scale = stored.scale();
        List<FinalGrades.StudentGrade> students = sheet.rows().stream().map(row -> {
            Optional<BigDecimal> total = row.standing().total().map(LetterGrades::shown);
            return new FinalGrades.StudentGrade(row.userId(), row.number(), row.name(), total,
                    LetterGrades.letter(scale, total), total.isPresent() && row.standing().notGradedYet().isEmpty());
        }).toList();
        List<Optional<BigDecimal>> totals = students.stream().map(FinalGrades.StudentGrade::total).toList();
        int partial = (int) students.stream().filter(s -> s.total().isPresent() && !s.complete()).count();
        String title = courses.find(courseId).map(CourseSummary::title).orElse("");
        return new FinalGrades(courseId, title, scale, stored.version(), access.instructor(), students,
                LetterGrades.distribute(scale, totals),
                LetterGrades.histogram(totals.stream().flatMap(Optional::stream).toList(), FinalGrades.BIN_WIDTH),
                partial);
    }
}
