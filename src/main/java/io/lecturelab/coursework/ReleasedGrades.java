package io.lecturelab.coursework;

import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseService;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The released coursework grades of a course, per student, for other features (the gradebook) to read as they are
 * now: a regrade or a late penalty forgiven by an extension shows at once. Staff get every student's; a student only
 * their own. Unreleased grades are never here.
 * <p>
 * A team's grade goes to the students who were on the team when the graded version was handed in
 * ({@code submission_member}), or, for a team grade given with nothing handed in, when it was first graded
 * ({@code grade_member}) — not to whoever is on the team now: a student who left after handing in keeps the grade,
 * one who joined afterwards does not get it. The whole course is read in one query.
 */
@ApplicationScoped
@Transactional
public class ReleasedGrades {

    private static final String QUERY = """
            select g.assignment_id, coalesce(g.user_id, sm.user_id, gm.user_id) as student, g.points, a.points,
                   a.late_penalty_percent, s.submitted_at, coalesce(e.due_at, a.due_at), coalesce(e.cutoff_at,
                   case when e.id is null then a.cutoff_at end), e.id is not null
            from grade g
            join assignment a on a.id = g.assignment_id
            left join submission s on s.id = g.submission_id
            left join submission_member sm on g.team_id is not null and sm.submission_id = g.submission_id
            left join grade_member gm on g.team_id is not null and g.submission_id is null and gm.grade_id = g.id
            left join assignment_extension e on e.assignment_id = g.assignment_id
                 and (e.user_id = g.user_id or e.team_id = g.team_id)
            where a.course_id = ?1 and g.released_at is not null and g.points is not null
              and (?2 or a.published)
              and coalesce(g.user_id, sm.user_id, gm.user_id) is not null
              and (?2 or coalesce(g.user_id, sm.user_id, gm.user_id) = ?3)
            order by g.assignment_id, 2
            """;

    private final CourseService courses;
    private final EntityManager em;

    ReleasedGrades(CourseService courses, EntityManager em) {
        this.courses = courses;
        this.em = em;
    }

    public List<ReleasedGrade> ofCourse(long courseId, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        List<?> rows = em.createNativeQuery(QUERY).setParameter(1, courseId).setParameter(2, access.staff())
                .setParameter(3, viewer.id()).getResultList();
        List<ReleasedGrade> out = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            int penaltyPercent = ((Number) r[4]).intValue();
            int penalty = 0;
            if (r[5] != null && penaltyPercent > 0) {
                Deadline deadline = new Deadline(instant(r[6]), Optional.ofNullable(r[7]).map(ReleasedGrades::instant),
                        (Boolean) r[8]);
                penalty = deadline.penaltyPercent(instant(r[5]), penaltyPercent);
            }
            out.add(new ReleasedGrade(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                    GradingService.finalPoints((BigDecimal) r[2], penalty), ((Number) r[3]).intValue()));
        }
        return out;
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("Unexpected time value " + value.getClass());
        };
    }
}
