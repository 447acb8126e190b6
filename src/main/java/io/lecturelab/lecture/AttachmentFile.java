package io.lecturelab.lecture;

/** An attached file with its contents, for download. */
public record AttachmentFile(String fileName, String contentType, byte[] content) {
}
