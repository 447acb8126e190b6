package io.lecturelab.gradebook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;

/** One cell: a student's points on an item, or "excused". */
@Entity
@Table(name = "gradebook_score")
class Score {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "item_id", nullable = false, updatable = false)
    long itemId;

    @Column(name = "user_id", nullable = false, updatable = false)
    long userId;

    @Column(precision = 8, scale = 2)
    BigDecimal points;

    @Column(nullable = false)
    boolean excused;

    @Column(name = "updated_by")
    Long updatedBy;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Version
    int version;

    static Score of(long itemId, long userId) {
        Score s = new Score();
        s.itemId = itemId;
        s.userId = userId;
        return s;
    }

    Mark mark() {
        return new Mark(points, excused);
    }

    void set(Mark mark, long by, Instant at) {
        points = mark.points();
        excused = mark.excused();
        updatedBy = by;
        updatedAt = at;
    }

    /**
     * The version an editor's form carries: one more than the row's, so that 0 always means "no score yet" (a new row
     * starts at version 0, which an editor who also saw an empty cell would otherwise match).
     */
    int formVersion() {
        return id == null ? 0 : version + 1;
    }
}
