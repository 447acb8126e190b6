package io.lecturelab.coursework.paper;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A review's text: Markdown (with math) per section, and the overall score (1 = strong reject … 5 = strong accept)
 * once chosen.
 */
public record ReviewText(Map<ReviewSection, String> sections, OptionalInt score) {

    public static final int MIN_SCORE = 1;
    public static final int MAX_SCORE = 5;

    public ReviewText {
        EnumMap<ReviewSection, String> copy = new EnumMap<>(ReviewSection.class);
        for (ReviewSection section : ReviewSection.values()) {
            String text = sections == null ? null : sections.get(section);
            copy.put(section, text == null ? "" : text);
        }
        sections = Collections.unmodifiableMap(copy);
        score = score == null ? OptionalInt.empty() : score;
    }

    public static ReviewText empty() {
        return new ReviewText(Map.of(), OptionalInt.empty());
    }

    public String text(ReviewSection section) {
        return sections.get(section);
    }
}
