package io.lecturelab.gradebook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** One change of a cell, as it happened; never changed afterwards. */
@Entity
@Table(name = "gradebook_score_change")
class ScoreChange {

    enum Via { ENTRY, IMPORT }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "item_id", nullable = false, updatable = false)
    long itemId;

    @Column(name = "user_id", nullable = false, updatable = false)
    long userId;

    @Column(name = "changed_by", updatable = false)
    Long changedBy;

    @Column(name = "changed_at", nullable = false, updatable = false)
    Instant changedAt;

    @Column(name = "old_points", precision = 8, scale = 2, updatable = false)
    BigDecimal oldPoints;

    @Column(name = "old_excused", nullable = false, updatable = false)
    boolean oldExcused;

    @Column(name = "new_points", precision = 8, scale = 2, updatable = false)
    BigDecimal newPoints;

    @Column(name = "new_excused", nullable = false, updatable = false)
    boolean newExcused;

    @Column(nullable = false, updatable = false)
    String reason;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false, updatable = false)
    Via via;

    static ScoreChange of(long itemId, long userId, Mark before, Mark after, String reason, Via via, long by,
                          Instant at) {
        ScoreChange c = new ScoreChange();
        c.itemId = itemId;
        c.userId = userId;
        c.oldPoints = before.points();
        c.oldExcused = before.excused();
        c.newPoints = after.points();
        c.newExcused = after.excused();
        c.reason = reason;
        c.via = via;
        c.changedBy = by == 0 ? null : by;
        c.changedAt = at;
        return c;
    }
}
