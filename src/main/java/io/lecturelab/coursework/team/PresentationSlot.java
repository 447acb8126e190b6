package io.lecturelab.coursework.team;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A presentation slot; booking and releasing are conditional updates in {@link TeamRepository}. */
@Entity
@Table(name = "presentation_slot")
class PresentationSlot {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "course_id", nullable = false)
    long courseId;

    @Column(name = "starts_at", nullable = false)
    Instant startsAt;

    @Column(nullable = false)
    int minutes;

    @Column(name = "team_id")
    Long teamId;

    @Column(name = "booked_at")
    Instant bookedAt;
}
