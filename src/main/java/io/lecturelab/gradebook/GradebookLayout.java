package io.lecturelab.gradebook;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A course's categories and items. {@code version} is the categories' version, to be sent back with a changed set;
 * {@code weightSum} is what the categories add up to (100 once the set is complete).
 */
public record GradebookLayout(long courseId, int version, List<CategoryView> categories, BigDecimal weightSum) {

    public record CategoryView(long id, String name, BigDecimal weight, int position, List<ItemView> items) {
    }

    /** {@code maxPoints} is the assignment's points for an assignment item. */
    public record ItemView(long id, long categoryId, String title, ItemSource source, Optional<Long> assignmentId,
                           BigDecimal maxPoints, BigDecimal weight, int version) {
    }

    public Optional<ItemView> item(long itemId) {
        return categories.stream().flatMap(c -> c.items().stream()).filter(i -> i.id() == itemId).findFirst();
    }
}
