package io.lecturelab.gradebook.letters;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A course's final grades as staff see them: the letter scale in force with its version ({@code 0}: the default,
 * never saved) and whether the viewer may change it, every student's total (as shown) and letter, the letter counts
 * and quota checks, and the histogram of the totals in 5-point bins. {@code partial} counts students whose total
 * leaves out a category that has nothing graded yet for them.
 */
public record FinalGrades(long courseId, String courseTitle, LetterScale scale, int version, boolean editable,
                          List<StudentGrade> students, LetterGrades.Distribution distribution,
                          List<LetterGrades.Bin> histogram, int partial) {

    /** Width of a histogram bar, in points of the total. */
    public static final int BIN_WIDTH = 5;

    /**
     * One student: {@code number} is the student number (the user name when there is none), {@code total} the
     * weighted total as shown (empty: not graded yet), {@code letter} empty exactly when the total is.
     * {@code complete}: the total covers every category.
     */
    public record StudentGrade(long userId, String number, String name, Optional<BigDecimal> total,
                               Optional<String> letter, boolean complete) {
    }
}
