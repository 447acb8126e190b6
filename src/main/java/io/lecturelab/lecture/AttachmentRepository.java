package io.lecturelab.lecture;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Attachments and their contents. The contents are kept in {@code lecture_attachment_chunk}, {@link #CHUNK_BYTES}
 * per row, which no entity maps: only {@link #writeChunk} and {@link #readChunk} touch them, so listing or deleting
 * attachments cannot read the bytes, and a download holds one chunk in memory at a time.
 */
@ApplicationScoped
class AttachmentRepository implements PanacheRepository<LectureAttachment> {

    /** Bytes per stored chunk (V5 migration splits older contents the same way). */
    static final int CHUNK_BYTES = 256 * 1024;

    /** The lecture's attachments without their contents. */
    List<Attachment> listOf(long lectureId) {
        return getEntityManager().createQuery("select new io.lecturelab.lecture.Attachment(a.id, a.fileName, "
                        + "a.contentType, a.sizeBytes, a.sha256) from LectureAttachment a where a.lectureId = ?1 "
                        + "order by a.id", Attachment.class)
                .setParameter(1, lectureId).getResultList();
    }

    void writeChunk(long attachmentId, int seq, byte[] data) {
        getEntityManager().createNativeQuery("insert into lecture_attachment_chunk (attachment_id, seq, data) "
                        + "values (?1, ?2, ?3)")
                .setParameter(1, attachmentId).setParameter(2, seq).setParameter(3, data)
                .executeUpdate();
    }

    Optional<byte[]> readChunk(long attachmentId, int seq) {
        List<?> rows = getEntityManager().createNativeQuery("select data from lecture_attachment_chunk "
                        + "where attachment_id = ?1 and seq = ?2", byte[].class)
                .setParameter(1, attachmentId).setParameter(2, seq).getResultList();
        return rows.stream().findFirst().map(byte[].class::cast);
    }
}
