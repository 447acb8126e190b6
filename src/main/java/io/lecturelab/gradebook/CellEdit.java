package io.lecturelab.gradebook;

/** A change of one cell, with the version the editor saw ({@link GradebookSheet.Cell#version()}). */
public record CellEdit(long itemId, long userId, Mark mark, int version) {
}
