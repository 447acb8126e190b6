package io.lecturelab.coursework;

import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseService;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The released coursework grades of a course, per student, for other features (the gradebook) to read as they are
 * now: a regrade or a late penalty forgiven by an extension shows at once. Staff get every student's; a student only
 * their own (and their team's, as theirs). Unreleased grades are never here.
 */
@ApplicationScoped
@Transactional
public class ReleasedGrades {

    private final CourseService courses;
    private final GradingService grading;
    private final GradeRepository grades;
    private final AssignmentRepository assignments;
    private final Teams teams;

    ReleasedGrades(CourseService courses, GradingService grading, GradeRepository grades,
                   AssignmentRepository assignments, Teams teams) {
        this.courses = courses;
        this.grading = grading;
        this.grades = grades;
        this.assignments = assignments;
        this.teams = teams;
    }

    public List<ReleasedGrade> ofCourse(long courseId, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        Map<Long, List<Long>> members = teams.ofCourse(courseId).stream()
                .collect(Collectors.toMap(Teams.Team::id, Teams.Team::memberIds));
        Optional<Long> ownTeam = access.staff() ? Optional.empty() : teams.teamOf(courseId, viewer.id());
        List<ReleasedGrade> out = new ArrayList<>();
        for (Assignment a : assignments.ofCourse(courseId)) {
            if (!a.published && !access.staff()) {
                continue;
            }
            for (Grade g : grades.ofAssignment(a.id)) {
                if (g.releasedAt == null || g.points == null) {
                    continue;
                }
                List<Long> students = g.teamId == null ? List.of(g.userId)
                        : members.getOrDefault(g.teamId, List.of());
                if (!access.staff()) {
                    boolean mine = g.teamId == null ? g.userId == viewer.id()
                            : ownTeam.filter(t -> t.equals(g.teamId)).isPresent();
                    if (!mine) {
                        continue;
                    }
                    students = List.of(viewer.id());
                }
                var points = GradingService.finalPoints(g.points, grading.penalty(a, g));
                for (long student : students) {
                    out.add(new ReleasedGrade(a.id, student, points, a.points));
                }
            }
        }
        return out;
    }
}
