package io.lecturelab.gradebook;

import java.math.BigDecimal;

/**
 * An item as the instructor enters it. For an assignment {@code assignmentId} names it and {@code maxPoints} is
 * ignored (the assignment's points are the maximum); an empty title takes the assignment's. {@code version} is the
 * version that was read (0 for a new item).
 */
public record ItemDraft(long categoryId, String title, ItemSource source, Long assignmentId, BigDecimal maxPoints,
                        BigDecimal weight, int version) {
}
