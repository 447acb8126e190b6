package io.lecturelab.course;

import io.lecturelab.security.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/** One person's role in one course. */
@Entity
@Table(name = "course_member")
class CourseMember {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "course_id")
    Course course;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    User user;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    CourseRole role;

    @Column(name = "joined_at", nullable = false)
    Instant joinedAt;

    /**
     * Changes the role. A write from inside the entity is one Hibernate's dirty tracking sees; an assignment to the
     * field from another class is not, and was silently lost.
     */
    void changeRole(CourseRole newRole) {
        this.role = newRole;
    }
}
