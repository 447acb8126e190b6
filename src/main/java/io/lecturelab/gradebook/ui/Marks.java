package io.lecturelab.gradebook.ui;

import com.vaadin.flow.component.Component;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.gradebook.Mark;
import io.lecturelab.gradebook.WeightedTotal;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/** How marks and percents are written and read on the gradebook's pages. */
final class Marks {

    private Marks() {
    }

    /** "70", "85.5", "excused", or "" when not graded yet. */
    static String text(Component c, Mark mark) {
        if (mark.excused()) {
            return c.getTranslation("gradebook.mark.excused");
        }
        return mark.pointsIfAny().map(Marks::number).orElse("");
    }

    static String number(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** A percent as shown: rounded half up to two decimals, e.g. "77.5%". */
    static String percent(BigDecimal value) {
        return number(WeightedTotal.display(value)) + "%";
    }

    static String percent(Optional<BigDecimal> value) {
        return value.map(Marks::percent).orElse("");
    }

    /**
     * What a staff member typed: empty clears the cell, "x" (or "ex", "excused", or the word in the page's language)
     * excuses, otherwise points with at most two decimals.
     */
    static Mark parse(Component c, String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            return Mark.EMPTY;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("x") || lower.equals("ex") || lower.equals("excused")
                || lower.equals(c.getTranslation("gradebook.mark.excused").toLowerCase(Locale.ROOT))) {
            return Mark.EXCUSED;
        }
        if (!text.matches("[0-9]{1,6}(\\.[0-9]+)?")) {
            throw new UserFacingException("gradebook.error.notAScore", text);
        }
        return Mark.of(new BigDecimal(text));
    }
}
