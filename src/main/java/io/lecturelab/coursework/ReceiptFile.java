package io.lecturelab.coursework;

/** A file as it was stored: its name, type, size in bytes and SHA-256 (hex). */
public record ReceiptFile(long id, String name, String contentType, long size, String sha256) {
}
