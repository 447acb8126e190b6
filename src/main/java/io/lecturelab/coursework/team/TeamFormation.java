package io.lecturelab.coursework.team;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A course's team formation window and whether staff have locked the teams. */
@Entity
@Table(name = "team_formation")
class TeamFormation {

    @Id
    @Column(name = "course_id")
    Long courseId;

    @Column(name = "opens_at")
    Instant opensAt;

    @Column(name = "closes_at")
    Instant closesAt;

    @Column(nullable = false)
    boolean locked;

    @Version
    int version;

    void setWindow(Instant opens, Instant closes) {
        opensAt = opens;
        closesAt = closes;
    }

    void setLocked(boolean value) {
        locked = value;
    }
}
