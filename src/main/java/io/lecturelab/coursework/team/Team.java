package io.lecturelab.coursework.team;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A project team of one course; its members are rows of {@code team_member}. */
@Entity
@Table(name = "team")
class Team {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "course_id", nullable = false)
    long courseId;

    @Column(nullable = false)
    String name;

    @Column(nullable = false)
    String topic = "";

    @Column(name = "join_code", nullable = false)
    String joinCode;

    @Column(name = "created_by")
    Long createdBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Version
    int version;

    static Team create(long courseId, String name, String topic, String joinCode, Long createdBy, Instant now) {
        Team team = new Team();
        team.courseId = courseId;
        team.name = name;
        team.topic = topic;
        team.joinCode = joinCode;
        team.createdBy = createdBy;
        team.createdAt = now;
        return team;
    }
}
