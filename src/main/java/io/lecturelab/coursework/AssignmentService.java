package io.lecturelab.coursework;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseService;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A course's assignments, their deadlines and extensions. Staff (TAs and instructors) write them; students see the
 * published ones, each with their own deadline. Every decision about who may do what is made here.
 */
@ApplicationScoped
@Transactional
public class AssignmentService {

    private final AssignmentRepository assignments;
    private final SubmissionRepository submissions;
    private final GradeRepository grades;
    private final Teams teams;
    private final CourseService courses;
    private final Clock clock;

    AssignmentService(AssignmentRepository assignments, SubmissionRepository submissions, GradeRepository grades,
                      Teams teams, CourseService courses, Clock clock) {
        this.assignments = assignments;
        this.submissions = submissions;
        this.grades = grades;
        this.teams = teams;
        this.courses = courses;
        this.clock = clock;
    }

    // --- reading -------------------------------------------------------------------------------------------------

    /** The course's assignments by due date: all for staff, the published ones for students. */
    public List<AssignmentSummary> list(long courseId, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        ZoneId zone = zone(courseId);
        Optional<Long> team = teams.teamOf(courseId, viewer.id());
        return assignments.ofCourse(courseId).stream()
                .filter(a -> access.staff() || a.published)
                .map(a -> {
                    Optional<Owner> owner = ownerOf(a, viewer.id(), team);
                    Optional<Submission> latest = owner.flatMap(o -> last(submissions.versions(a.id, o)));
                    boolean released = owner.flatMap(o -> grades.of(a.id, o)).map(g -> g.releasedAt != null)
                            .orElse(false);
                    Deadline deadline = owner.map(o -> deadline(a, o)).orElse(a.deadline());
                    return new AssignmentSummary(a.id, a.kind, a.title, a.points, deadline, zone, a.published,
                            latest.map(s -> s.version), latest.map(s -> deadline.isLate(s.submittedAt)).orElse(false),
                            released);
                })
                .toList();
    }

    /** One assignment: for staff, or a published one for students. */
    public AssignmentDetails assignment(long courseId, long assignmentId, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        Assignment a = visible(courseId, assignmentId, access.staff());
        Optional<Long> team = teams.teamOf(courseId, viewer.id());
        Deadline deadline = access.staff() ? a.deadline()
                : ownerOf(a, viewer.id(), team).map(o -> deadline(a, o)).orElse(a.deadline());
        return new AssignmentDetails(a.id, courseId, a.draft(), deadline, zone(courseId), access.staff(),
                a.kind.teamWork() ? team : Optional.empty());
    }

    /**
     * What is due next for the viewer: published work whose deadline (or cut-off) has not passed, soonest first.
     * Students see whether they handed it in; staff see every open assignment.
     */
    public List<DueItem> dueNext(long courseId, SignedInUser viewer, int limit) {
        Instant now = clock.instant();
        return list(courseId, viewer).stream()
                .filter(a -> a.published() && !a.deadline().isClosed(now)
                        && (!a.deadline().isLate(now) || a.deadline().cutoff().isPresent()))
                .sorted(Comparator.comparing(a -> a.deadline().due()))
                .limit(limit)
                .map(a -> new DueItem(a.id(), a.kind(), a.title(), a.deadline(), a.courseZone(),
                        a.myVersion().isPresent()))
                .toList();
    }

    // --- writing -------------------------------------------------------------------------------------------------

    public long create(long courseId, AssignmentDraft draft, SignedInUser editor) {
        courses.requireStaff(courseId, editor);
        Assignment a = new Assignment();
        a.courseId = courseId;
        a.createdAt = clock.instant();
        a.apply(draft, clock.instant());
        assignments.persist(a);
        return a.id;
    }

    /** Saves an edit; refused when someone else saved since {@code draft.version()} was read. */
    public AssignmentDetails update(long courseId, long assignmentId, AssignmentDraft draft, SignedInUser editor) {
        courses.requireStaff(courseId, editor);
        Assignment a = visible(courseId, assignmentId, true);
        if (a.version != draft.version()) {
            throw new UserFacingException("assignment.error.concurrentEdit");
        }
        if (a.kind != draft.kind() && submissions.count(assignmentId) > 0) {
            throw new UserFacingException("assignment.error.kindFixed");
        }
        a.apply(draft, clock.instant());
        try {
            assignments.flush();
        } catch (OptimisticLockException e) {
            throw new UserFacingException("assignment.error.concurrentEdit");
        }
        return assignment(courseId, assignmentId, editor);
    }

    /** Removes an assignment nobody has handed anything in for (work is never deleted with its assignment). */
    public void delete(long courseId, long assignmentId, SignedInUser editor) {
        courses.requireInstructor(courseId, editor);
        Assignment a = visible(courseId, assignmentId, true);
        if (submissions.count(assignmentId) > 0) {
            throw new UserFacingException("assignment.error.hasSubmissions");
        }
        assignments.delete(a);
    }

    // --- extensions ----------------------------------------------------------------------------------------------

    public List<ExtensionView> extensions(long courseId, long assignmentId, SignedInUser viewer) {
        courses.requireStaff(courseId, viewer);
        visible(courseId, assignmentId, true);
        Map<Long, String> people = courses.memberNames(courseId, viewer);
        Map<Long, String> teamNames = teams.ofCourse(courseId).stream()
                .collect(Collectors.toMap(Teams.Team::id, Teams.Team::name));
        return assignments.extensions(assignmentId).stream()
                .map(e -> new ExtensionView(e.owner(), e.owner().team() ? teamNames.getOrDefault(e.teamId, "?")
                        : people.getOrDefault(e.userId, "?"), e.deadline(), e.reason, e.grantedAt))
                .toList();
    }

    /**
     * Gives one student (or, for team work, one team) later dates; replaces an earlier extension of theirs. The
     * new due date must not be earlier than the assignment's.
     */
    public void grantExtension(long courseId, long assignmentId, Owner owner, Instant due, Optional<Instant> cutoff,
                               String reason, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        Assignment a = visible(courseId, assignmentId, true);
        requireOwnerInCourse(courseId, a, owner, staff);
        if (due == null || due.isBefore(a.dueAt)) {
            throw new UserFacingException("assignment.error.extensionEarlier");
        }
        if (cutoff.filter(c -> c.isBefore(due)).isPresent()) {
            throw new UserFacingException("assignment.error.cutoffBeforeDue");
        }
        // without a cut-off of its own, an extension keeps the assignment's grace period after its new due date
        Optional<Instant> until = cutoff.isPresent() || a.cutoffAt == null ? cutoff
                : Optional.of(due.plus(Duration.between(a.dueAt, a.cutoffAt)));
        String why = reason == null ? "" : reason.strip();
        if (why.length() > 500) {
            throw new UserFacingException("assignment.error.reasonLength", 500);
        }
        Extension extension = assignments.extension(assignmentId, owner).orElseGet(() -> {
            Extension e = new Extension();
            e.assignmentId = assignmentId;
            e.userId = owner.userId();
            e.teamId = owner.teamId();
            return e;
        });
        extension.change(due, until, why, staff.id(), clock.instant());
        if (extension.id == null) {
            assignments.persist(extension);
        }
    }

    public void revokeExtension(long courseId, long assignmentId, Owner owner, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        visible(courseId, assignmentId, true);
        assignments.extension(assignmentId, owner).ifPresent(assignments::delete);
    }

    // --- shared with the other coursework services ---------------------------------------------------------------

    /** Students and teams with an extension of the assignment. */
    Set<Owner> extensionOwners(long assignmentId) {
        return assignments.extensions(assignmentId).stream().map(Extension::owner).collect(Collectors.toSet());
    }

    Assignment visible(long courseId, long assignmentId, boolean staff) {
        return assignments.inCourse(courseId, assignmentId).filter(a -> staff || a.published)
                .orElseThrow(() -> new UserFacingException("assignment.error.notFound"));
    }

    /** The deadline that holds for one owner: their extension's or the assignment's. */
    Deadline deadline(Assignment a, Owner owner) {
        return assignments.extension(a.id, owner).map(Extension::deadline).orElse(a.deadline());
    }

    /** Whose work the user hands in: theirs, or their team's for team work (empty without a team). */
    static Optional<Owner> ownerOf(Assignment a, long userId, Optional<Long> team) {
        return a.kind.teamWork() ? team.map(Owner::team) : Optional.of(Owner.student(userId));
    }

    ZoneId zone(long courseId) {
        return ZoneId.of(courses.timeZone(courseId));
    }

    private void requireOwnerInCourse(long courseId, Assignment a, Owner owner, SignedInUser staff) {
        boolean known = owner.team() ? a.kind.teamWork() && teams.team(courseId, owner.id()).isPresent()
                : !a.kind.teamWork() && courses.members(courseId, staff).stream()
                .anyMatch(m -> m.userId() == owner.id() && !m.role().isStaff());
        if (!known) {
            throw new UserFacingException("assignment.error.ownerNotFound");
        }
    }

    private static <T> Optional<T> last(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }
}
