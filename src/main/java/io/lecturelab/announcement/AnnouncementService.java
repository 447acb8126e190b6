package io.lecturelab.announcement;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.Member;
import io.lecturelab.mail.MailOutbox;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.User;
import io.lecturelab.security.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A course's announcements. Every member reads them (each with their own unread mark); teaching assistants and
 * instructors (and administrators) post, edit and delete them. A new announcement can be e-mailed to the other
 * members: the mails go to the outbox in the same transaction and are sent after it committed.
 */
@ApplicationScoped
@Transactional
public class AnnouncementService {

    private final AnnouncementRepository announcements;
    private final CourseService courses;
    private final UserRepository users;
    private final MailOutbox mail;
    private final AnnouncementMails mails;
    private final Clock clock;

    AnnouncementService(AnnouncementRepository announcements, CourseService courses, UserRepository users,
                        MailOutbox mail, AnnouncementMails mails, Clock clock) {
        this.announcements = announcements;
        this.courses = courses;
        this.users = users;
        this.mail = mail;
        this.mails = mails;
        this.clock = clock;
    }

    // --- reading -------------------------------------------------------------------------------------------------

    /** All of the course's announcements, newest first, each marked unread or not for the viewer. */
    public AnnouncementList list(long courseId, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        List<AnnouncementItem> items = items(announcements.ofCourse(courseId, 0), viewer);
        return new AnnouncementList(items, items.stream().filter(AnnouncementItem::unread).count(), access.staff(),
                ZoneId.of(courses.timeZone(courseId)));
    }

    /** The newest {@code max} announcements and how many of all the viewer has not read (for the course home). */
    public AnnouncementList latest(long courseId, int max, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        List<AnnouncementItem> items = items(announcements.ofCourse(courseId, max), viewer);
        return new AnnouncementList(items, announcements.unreadCount(courseId, viewer.id()), access.staff(),
                ZoneId.of(courses.timeZone(courseId)));
    }

    /** Marks these announcements of the course read by the viewer (they saw them). */
    public void markRead(long courseId, Collection<Long> ids, SignedInUser viewer) {
        courses.access(courseId, viewer);
        announcements.markRead(courseId, viewer.id(), ids, clock.instant());
    }

    // --- writing -------------------------------------------------------------------------------------------------

    /**
     * Posts an announcement, read by its author already. With {@code email} (and e-mail configured on this server)
     * every other member with an address who did not turn e-mail off gets it by mail, after the post committed.
     */
    public Posted post(long courseId, AnnouncementDraft draft, boolean email, SignedInUser author) {
        courses.requireStaff(courseId, author);
        Announcement announcement = Announcement.create(courseId, author.id(), draft, clock.instant());
        announcements.persist(announcement);
        announcements.markRead(courseId, author.id(), List.of(announcement.id), clock.instant());
        int mailed = email && mail.enabled() ? mail.send(mails.of(courseId,
                courses.settings(courseId, author).title(), announcement.id, draft, author.displayName(),
                recipients(courseId, author))) : 0;
        return new Posted(announcement.id, mailed);
    }

    /** Saves an edit; refused when someone else saved since {@code version} was read. Sends no e-mail. */
    public AnnouncementItem update(long courseId, long announcementId, AnnouncementDraft draft, int version,
                                   SignedInUser editor) {
        courses.requireStaff(courseId, editor);
        Announcement announcement = find(courseId, announcementId);
        if (announcement.version != version) {
            throw new UserFacingException("announcement.error.concurrentEdit");
        }
        announcement.edit(draft, clock.instant());
        try {
            announcements.flush();
        } catch (OptimisticLockException e) {
            throw new UserFacingException("announcement.error.concurrentEdit");
        }
        return items(List.of(announcement), editor).getFirst();
    }

    public void delete(long courseId, long announcementId, SignedInUser editor) {
        courses.requireStaff(courseId, editor);
        announcements.delete(find(courseId, announcementId));
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private Announcement find(long courseId, long announcementId) {
        return announcements.findByIdOptional(announcementId).filter(a -> a.courseId == courseId)
                .orElseThrow(() -> new UserFacingException("announcement.error.notFound"));
    }

    private List<AnnouncementItem> items(List<Announcement> list, SignedInUser viewer) {
        Set<Long> read = announcements.readBy(viewer.id(), list.stream().map(a -> a.id).toList());
        Set<Long> authorIds = list.stream().map(a -> a.authorId).filter(id -> id != null)
                .collect(Collectors.toSet());
        Map<Long, String> names = authorIds.isEmpty() ? Map.of() : users.list("id in ?1", authorIds).stream()
                .collect(Collectors.toMap(User::getId, User::getDisplayName));
        return list.stream().map(a -> new AnnouncementItem(a.id, a.title, a.body,
                a.authorId == null ? "" : names.getOrDefault(a.authorId, ""), a.createdAt,
                a.edited() ? Optional.of(a.updatedAt) : Optional.empty(), !read.contains(a.id), a.version))
                .toList();
    }

    /** The course's members other than the author, with their address and language. */
    private List<AnnouncementMails.Recipient> recipients(long courseId, SignedInUser author) {
        List<Member> members = courses.members(courseId, author).stream()
                .filter(m -> m.userId() != author.id() && m.email() != null && !m.email().isBlank()).toList();
        if (members.isEmpty()) {
            return List.of();
        }
        Map<Long, User> byId = users.list("id in ?1", members.stream().map(Member::userId).toList()).stream()
                .collect(Collectors.toMap(User::getId, Function.identity()));
        return members.stream().map(m -> byId.get(m.userId())).filter(u -> u != null && !u.isDisabled())
                .map(u -> new AnnouncementMails.Recipient(u.getId(), u.getEmail(), u.getLocale()))
                .toList();
    }
}
