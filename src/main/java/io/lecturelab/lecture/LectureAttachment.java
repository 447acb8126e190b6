package io.lecturelab.lecture;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A file attached to a lecture (e.g. the slides as PDF), with its SHA-256. Its contents live apart, in chunks
 * ({@link AttachmentRepository}), so that loading this row never loads them.
 */
@Entity
@Table(name = "lecture_attachment")
class LectureAttachment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "lecture_id", nullable = false)
    long lectureId;

    @Column(name = "file_name", nullable = false)
    String fileName;

    @Column(name = "content_type", nullable = false)
    String contentType;

    @Column(name = "size_bytes", nullable = false)
    long sizeBytes;

    @Column(nullable = false)
    String sha256;

    @Column(name = "uploaded_at", nullable = false)
    Instant uploadedAt;

    @Column(name = "uploaded_by")
    Long uploadedBy;
}
