package io.lecturelab.lecture;

/** A lecture that contains the searched words, with the text around the first match. */
public record SearchHit(long lectureId, int week, String title, String excerpt) {
}
