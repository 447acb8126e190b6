package io.lecturelab.gradebook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One change of a course's categories or items, as it happened; never changed afterwards. */
@Entity
@Table(name = "gradebook_layout_change")
class LayoutChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "course_id", nullable = false, updatable = false)
    long courseId;

    @Column(name = "changed_by", updatable = false)
    Long changedBy;

    @Column(name = "changed_at", nullable = false, updatable = false)
    Instant changedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    LayoutChangeEntry.Subject subject;

    @Column(name = "subject_id", nullable = false, updatable = false)
    long subjectId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    LayoutChangeEntry.Action action;

    @Column(name = "old_value", nullable = false, updatable = false)
    String oldValue;

    @Column(name = "new_value", nullable = false, updatable = false)
    String newValue;

    @Column(nullable = false, updatable = false)
    String reason;

    static LayoutChange of(long courseId, LayoutChangeEntry.Subject subject, long subjectId,
                           LayoutChangeEntry.Action action, String before, String after, String reason, long by,
                           Instant at) {
        LayoutChange c = new LayoutChange();
        c.courseId = courseId;
        c.subject = subject;
        c.subjectId = subjectId;
        c.action = action;
        c.oldValue = before;
        c.newValue = after;
        c.reason = reason;
        c.changedBy = by == 0 ? null : by;
        c.changedAt = at;
        return c;
    }
}
