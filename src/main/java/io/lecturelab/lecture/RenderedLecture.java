package io.lecturelab.lecture;

import java.util.List;
import java.util.stream.Collectors;

/** A lecture's text as parts: safe HTML, and live demos between them. */
public record RenderedLecture(List<Part> parts) {

    public sealed interface Part permits Html, Demo {
    }

    /** Sanitised HTML; math is in {@code span.math-inline} / {@code span.math-display} as TeX text. */
    public record Html(String html) implements Part {
    }

    public record Demo(LectureRenderer.DemoPreset preset) implements Part {
    }

    /** All HTML parts joined (demos left out), e.g. for tests and search previews. */
    public String html() {
        return parts.stream().filter(Html.class::isInstance).map(p -> ((Html) p).html())
                .collect(Collectors.joining());
    }
}
