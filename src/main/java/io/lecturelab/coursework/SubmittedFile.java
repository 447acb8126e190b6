package io.lecturelab.coursework;

import java.io.InputStream;

/** A handed-in file on its way to a reader: read {@code content} once and close it. */
public record SubmittedFile(String name, String contentType, long size, String sha256, InputStream content,
                            long assignmentId) {
}
