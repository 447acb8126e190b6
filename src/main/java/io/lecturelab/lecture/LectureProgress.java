package io.lecturelab.lecture;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A student marked a lecture as studied. */
@Entity
@Table(name = "lecture_progress")
@IdClass(LectureProgress.Key.class)
class LectureProgress {

    @Id
    @Column(name = "lecture_id")
    long lectureId;

    @Id
    @Column(name = "user_id")
    long userId;

    @Column(name = "studied_at", nullable = false)
    Instant studiedAt;

    static class Key implements Serializable {
        long lectureId;
        long userId;

        Key() {
        }

        Key(long lectureId, long userId) {
            this.lectureId = lectureId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.lectureId == lectureId && k.userId == userId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(lectureId, userId);
        }
    }
}
