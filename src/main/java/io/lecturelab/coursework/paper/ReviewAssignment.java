package io.lecturelab.coursework.paper;

/** A paper-review assignment of the course, to link to its review page. */
public record ReviewAssignment(long id, String title) {
}
