package io.lecturelab.lecture;

/** A lecture's attached file as listed (without its contents). */
public record Attachment(long id, String fileName, String contentType, long sizeBytes, String sha256) {
}
