package io.lecturelab.coursework;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A file of a submission; its bytes are in {@code submission_file_chunk} (see {@link SubmissionRepository}). */
@Entity
@Table(name = "submission_file")
class SubmissionFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "submission_id", nullable = false, updatable = false)
    long submissionId;

    @Column(name = "file_name", nullable = false, updatable = false)
    String fileName;

    @Column(name = "content_type", nullable = false, updatable = false)
    String contentType;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    long sizeBytes;

    @Column(nullable = false, updatable = false)
    String sha256;

    static SubmissionFile of(long submissionId, String name, String type, long size, String sha256) {
        SubmissionFile f = new SubmissionFile();
        f.submissionId = submissionId;
        f.fileName = name;
        f.contentType = type;
        f.sizeBytes = size;
        f.sha256 = sha256;
        return f;
    }

    ReceiptFile receipt() {
        return new ReceiptFile(id, fileName, contentType, sizeBytes, sha256);
    }
}
