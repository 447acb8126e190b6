package io.lecturelab.coursework;

/**
 * A file a student uploaded for their next version, checked and waiting on the server until they press Submit.
 * Only the token goes back and forth; the bytes stay in a temporary file.
 */
public record StagedFile(String token, String name, long size, String sha256) {
}
