package io.lecturelab.gradebook;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One student's own record: every item they can see with its mark, the category subtotals, the weighted total and
 * what is not graded yet.
 */
public record StudentRecord(long userId, String name, List<Part> categories, Standing standing,
                            List<String> itemsNotGradedYet) {

    public record Part(long categoryId, String name, BigDecimal weight, Optional<BigDecimal> percent,
                       List<Line> items) {
    }

    public record Line(long itemId, String title, ItemSource source, BigDecimal maxPoints, BigDecimal weight,
                       Mark mark) {
    }
}
