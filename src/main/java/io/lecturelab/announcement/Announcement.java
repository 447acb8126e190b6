package io.lecturelab.announcement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** One announcement of a course: a title and Markdown text by a member of its staff. */
@Entity
@Table(name = "announcement")
class Announcement {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "course_id", nullable = false)
    long courseId;

    @Column(name = "author_id")
    Long authorId;

    @Column(nullable = false)
    String title;

    @Column(nullable = false)
    String body = "";

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Version
    int version;

    // Changes go through methods of the entity: Hibernate's bytecode enhancement tracks dirty fields only for
    // writes made inside the entity class.

    static Announcement create(long courseId, long authorId, AnnouncementDraft draft, Instant now) {
        Announcement a = new Announcement();
        a.courseId = courseId;
        a.authorId = authorId;
        a.title = draft.title();
        a.body = draft.body();
        a.createdAt = now;
        a.updatedAt = now;
        return a;
    }

    void edit(AnnouncementDraft draft, Instant now) {
        title = draft.title();
        body = draft.body();
        updatedAt = now;
    }

    boolean edited() {
        return updatedAt.isAfter(createdAt);
    }
}
