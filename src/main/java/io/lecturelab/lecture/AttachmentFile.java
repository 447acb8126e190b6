package io.lecturelab.lecture;

import java.io.InputStream;

/** An attached file for download: its contents stream from the database one chunk at a time. */
public record AttachmentFile(String fileName, String contentType, long sizeBytes, InputStream content) {
}
