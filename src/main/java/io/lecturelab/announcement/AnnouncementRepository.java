package io.lecturelab.announcement;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

@ApplicationScoped
class AnnouncementRepository implements PanacheRepository<Announcement> {

    /** Newest first; {@code limit} 0 for all. */
    List<Announcement> ofCourse(long courseId, int limit) {
        var query = find("courseId = ?1 order by createdAt desc, id desc", courseId);
        return limit > 0 ? query.page(0, limit).list() : query.list();
    }

    /** The ids among {@code announcementIds} that the user has read. */
    Set<Long> readBy(long userId, Collection<Long> announcementIds) {
        if (announcementIds.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = getEntityManager().createNativeQuery("""
                        select announcement_id from announcement_read
                        where user_id = :user and announcement_id in (:ids)""")
                .setParameter("user", userId).setParameter("ids", announcementIds).getResultList();
        return ids.stream().map(Number::longValue).collect(Collectors.toSet());
    }

    long unreadCount(long courseId, long userId) {
        return ((Number) getEntityManager().createNativeQuery("""
                        select count(*) from announcement a
                        where a.course_id = :course and not exists (select 1 from announcement_read r
                            where r.announcement_id = a.id and r.user_id = :user)""")
                .setParameter("course", courseId).setParameter("user", userId).getSingleResult()).longValue();
    }

    /** Marks the course's announcements among {@code ids} read by the user; marks that exist stay as they are. */
    void markRead(long courseId, long userId, Collection<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        getEntityManager().createNativeQuery("""
                        insert into announcement_read (announcement_id, user_id, read_at)
                        select id, :user, :now from announcement where course_id = :course and id in (:ids)
                        on conflict do nothing""")
                .setParameter("user", userId).setParameter("now", now).setParameter("course", courseId)
                .setParameter("ids", ids).executeUpdate();
    }
}
