package io.lecturelab.lecture;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** One lecture of a course's schedule. */
@Entity
@Table(name = "lecture")
class Lecture {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "course_id", nullable = false)
    long courseId;

    @Column(nullable = false)
    int position;

    @Column(nullable = false)
    int week;

    @Column(name = "lecture_date")
    LocalDate date;

    @Column(nullable = false)
    String title;

    @Column(nullable = false)
    String body = "";

    @Column(name = "recording_url", nullable = false)
    String recordingUrl = "";

    @Column(name = "live_starts_at")
    Instant liveStartsAt;

    @Column(name = "live_url", nullable = false)
    String liveUrl = "";

    @Column(nullable = false)
    boolean published;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Version
    int version;

    // Changes go through methods of the entity: Hibernate's bytecode enhancement tracks dirty fields only for
    // writes made inside the entity class.

    void apply(LectureDraft draft, ZoneId zone, Instant now) {
        week = draft.week();
        date = draft.date();
        title = draft.title();
        body = draft.body();
        recordingUrl = draft.recordingUrl();
        liveStartsAt = draft.liveStartsAt() == null ? null : draft.liveStartsAt().atZone(zone).toInstant();
        liveUrl = draft.liveUrl();
        updatedAt = now;
    }

    void publish(boolean value, Instant now) {
        published = value;
        updatedAt = now;
    }

    void moveTo(int newPosition) {
        position = newPosition;
    }
}
