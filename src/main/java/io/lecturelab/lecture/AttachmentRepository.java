package io.lecturelab.lecture;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
class AttachmentRepository implements PanacheRepository<LectureAttachment> {

    /** The lecture's attachments without their contents. */
    List<Attachment> listOf(long lectureId) {
        return getEntityManager().createQuery("select new io.lecturelab.lecture.Attachment(a.id, a.fileName, "
                        + "a.contentType, a.sizeBytes, a.sha256) from LectureAttachment a where a.lectureId = ?1 "
                        + "order by a.id", Attachment.class)
                .setParameter(1, lectureId).getResultList();
    }
}
