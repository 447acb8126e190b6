package io.lecturelab.gradebook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;

/** One graded thing inside a category: an exam, an assignment, attendance. */
@Entity
@Table(name = "gradebook_item")
class Item {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "course_id", nullable = false, updatable = false)
    long courseId;

    /** Empty only for a removed item whose category was removed after it. */
    @Column(name = "category_id")
    Long categoryId;

    @Column(nullable = false)
    String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    ItemSource source;

    @Column(name = "assignment_id", updatable = false)
    Long assignmentId;

    /** Null for an assignment: its own points are the maximum. */
    @Column(name = "max_points", precision = 8, scale = 2)
    BigDecimal maxPoints;

    @Column(nullable = false, precision = 7, scale = 2)
    BigDecimal weight;

    @Column(nullable = false)
    int position;

    @Version
    int version;

    /** Set when the instructor removed the item: it is hidden, its cells' history stays. */
    @Column(name = "removed_at")
    Instant removedAt;

    @Column(name = "removed_by")
    Long removedBy;

    static Item of(long courseId, ItemSource source, Long assignmentId, int position) {
        Item item = new Item();
        item.courseId = courseId;
        item.source = source;
        item.assignmentId = assignmentId;
        item.position = position;
        return item;
    }

    void remove(long by, Instant at) {
        removedBy = by == 0 ? null : by;
        removedAt = at;
    }

    boolean in(long category) {
        return categoryId != null && categoryId == category;
    }

    void change(long category, String newTitle, BigDecimal newMax, BigDecimal newWeight) {
        categoryId = category;
        title = newTitle;
        maxPoints = source == ItemSource.ASSIGNMENT ? null : newMax;
        weight = newWeight;
    }
}
