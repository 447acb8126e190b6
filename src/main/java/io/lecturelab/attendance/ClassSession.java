package io.lecturelab.attendance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One class session of a course. */
@Entity
@Table(name = "class_session")
class ClassSession {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "course_id", nullable = false, updatable = false)
    long courseId;

    @Column(name = "lecture_id")
    Long lectureId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    SessionKind kind;

    @Column(nullable = false)
    String title;

    @Column(name = "starts_at", nullable = false)
    Instant startsAt;

    @Column(nullable = false)
    boolean cancelled;

    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;

    static ClassSession extra(long courseId, String title, Instant startsAt, Instant now) {
        ClassSession s = new ClassSession();
        s.courseId = courseId;
        s.kind = SessionKind.EXTRA;
        s.title = title;
        s.startsAt = startsAt;
        s.createdAt = now;
        return s;
    }

    void follow(String newTitle, Instant newStart) {
        title = newTitle;
        startsAt = newStart;
    }

    void cancel(boolean value) {
        cancelled = value;
    }
}
