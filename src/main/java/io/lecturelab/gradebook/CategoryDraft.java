package io.lecturelab.gradebook;

import java.math.BigDecimal;

/** A category as the instructor enters it: {@code id} is empty for a new one. */
public record CategoryDraft(Long id, String name, BigDecimal weight) {
}
