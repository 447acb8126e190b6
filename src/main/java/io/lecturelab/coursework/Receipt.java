package io.lecturelab.coursework;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What was stored for one version, as the student's proof of hand-in: the version's number and time, whether it is
 * late against the deadline that holds now (an extension granted afterwards forgives it; the row keeps what held at
 * hand-in), and every file with its size and SHA-256.
 */
public record Receipt(long submissionId, long assignmentId, Owner owner, int version, Instant submittedAt,
                      boolean late, long daysLate, String link, String body, List<ReceiptFile> files,
                      Optional<LabRunRecord> labRun, String submittedBy) {

    public Receipt {
        files = List.copyOf(files);
    }
}
