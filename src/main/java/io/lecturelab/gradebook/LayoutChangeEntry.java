package io.lecturelab.gradebook;

import java.time.Instant;

/**
 * One change of the gradebook's layout: when, by whom, what (a category or an item, added, changed or removed), what
 * it was and what it became (as text such as "Homework · 30%"), and why.
 */
public record LayoutChangeEntry(Instant at, String by, Subject subject, long subjectId, Action action, String before,
                                String after, String reason) {

    public enum Subject { CATEGORY, ITEM }

    public enum Action { ADD, CHANGE, REMOVE }
}
