package io.lecturelab.coursework.team;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.coursework.AssignmentKind;
import io.lecturelab.coursework.AssignmentService;
import io.lecturelab.coursework.AssignmentSummary;
import io.lecturelab.coursework.Receipt;
import io.lecturelab.coursework.SubmissionService;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A team's proposal in three parts, which any member edits. Saving never loses a teammate's text: each part has
 * its own version, a save names the versions it started from, and the proposal's row is locked while it is
 * compared and written. A part nobody else changed meanwhile is stored; a part a teammate saved meanwhile is left
 * as the teammate wrote it and comes back as a {@link PartConflict} with both texts, to be merged and saved again.
 * A part saved with exactly the text it already has is no conflict.
 */
@ApplicationScoped
@Transactional
public class ProposalService {

    /** Longest text of one part, in characters. */
    public static final int MAX_PART = 20_000;

    private final TeamRepository teams;
    private final CourseService courses;
    private final AssignmentService assignments;
    private final SubmissionService submissions;
    private final Clock clock;

    ProposalService(TeamRepository teams, CourseService courses, AssignmentService assignments,
                    SubmissionService submissions, Clock clock) {
        this.teams = teams;
        this.courses = courses;
        this.assignments = assignments;
        this.submissions = submissions;
        this.clock = clock;
    }

    /** The course's proposal assignments the viewer can see (published ones for students), by due date. */
    public List<AssignmentSummary> assignments(long courseId, SignedInUser viewer) {
        return assignments.list(courseId, viewer).stream().filter(a -> a.kind() == AssignmentKind.PROPOSAL)
                .toList();
    }

    /**
     * Submits the team's proposal as it is stored now (the three parts under {@code headings}) as a new version of
     * the proposal assignment; deadlines, cut-off and extensions are the submission service's. Refused while a part
     * is empty.
     */
    public Receipt submit(long courseId, long assignmentId, Map<ProposalPart, String> headings,
                          SignedInUser member) {
        long teamId = ownTeam(courseId, member);
        if (assignments(courseId, member).stream().noneMatch(a -> a.id() == assignmentId)) {
            throw new UserFacingException("proposal.error.noAssignment");
        }
        Proposal proposal = read(teams.inCourse(courseId, teamId).orElseThrow(), true);
        for (ProposalPart part : ProposalPart.values()) {
            if (proposal.part(part).text().isBlank()) {
                throw new UserFacingException("proposal.error.incomplete", headings.get(part));
            }
        }
        return submissions.submitText(courseId, assignmentId, proposal.markdown(headings), member);
    }

    /** The team's submitted versions of a proposal assignment, newest first. */
    public List<Receipt> submitted(long courseId, long assignmentId, SignedInUser member) {
        ownTeam(courseId, member);
        return submissions.versions(courseId, assignmentId, member);
    }

    /** The proposal of the viewer's own team. */
    public Proposal mine(long courseId, SignedInUser member) {
        long teamId = ownTeam(courseId, member);
        return read(teams.inCourse(courseId, teamId).orElseThrow(), true);
    }

    /**
     * One team's proposal: staff read any team's of the course; a student only their own (any other team is
     * answered as if it did not exist).
     */
    public Proposal ofTeam(long courseId, long teamId, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        Optional<Long> own = isStudent(access) ? teams.teamOf(courseId, viewer.id()) : Optional.empty();
        if (!access.staff() && !own.equals(Optional.of(teamId))) {
            throw new UserFacingException("team.error.notFound");
        }
        Team team = teams.inCourse(courseId, teamId).orElseThrow(() -> new UserFacingException("team.error.notFound"));
        return read(team, own.isPresent());
    }

    /**
     * Saves the parts the member changed, each from the version they read. Parts not given are left alone.
     */
    public ProposalSave save(long courseId, List<PartEdit> edits, SignedInUser member) {
        long teamId = ownTeam(courseId, member);
        for (PartEdit edit : edits) {
            if (edit.text() == null || edit.text().length() > MAX_PART) {
                throw new UserFacingException("proposal.error.tooLong", MAX_PART);
            }
        }
        TeamProposal proposal = teams.proposalForUpdate(teamId, clock.instant());
        String lastEditor = Optional.ofNullable(proposal.updatedBy).flatMap(teams::displayName).orElse("");
        List<ProposalPart> saved = new ArrayList<>();
        List<PartConflict> conflicts = new ArrayList<>();
        for (PartEdit edit : edits) {
            String current = proposal.text(edit.part());
            if (current.equals(edit.text())) {
                continue;
            }
            if (proposal.version(edit.part()) == edit.baseVersion()) {
                proposal.write(edit.part(), edit.text(), member.id(), clock.instant());
                saved.add(edit.part());
            } else {
                conflicts.add(new PartConflict(edit.part(), edit.text(), current, proposal.version(edit.part()),
                        lastEditor));
            }
        }
        teams.flush();
        return new ProposalSave(read(teams.inCourse(courseId, teamId).orElseThrow(), true), List.copyOf(saved),
                List.copyOf(conflicts));
    }

    private Proposal read(Team team, boolean editable) {
        Optional<TeamProposal> row = teams.proposal(team.id);
        Map<ProposalPart, ProposalText> parts = new EnumMap<>(ProposalPart.class);
        for (ProposalPart part : ProposalPart.values()) {
            parts.put(part, row.map(p -> new ProposalText(p.text(part), p.version(part)))
                    .orElse(new ProposalText("", 0)));
        }
        return new Proposal(team.id, team.name, Map.copyOf(parts),
                row.map(p -> p.updatedBy).flatMap(teams::displayName),
                row.filter(p -> p.updatedBy != null).map(p -> p.updatedAt), editable);
    }

    private long ownTeam(long courseId, SignedInUser member) {
        CourseAccess access = courses.access(courseId, member);
        if (!isStudent(access)) {
            throw new UserFacingException("team.error.studentsOnly");
        }
        return teams.teamOf(courseId, member.id()).orElseThrow(() -> new UserFacingException("proposal.error.noTeam"));
    }

    private static boolean isStudent(CourseAccess access) {
        return access.role().filter(r -> r == CourseRole.STUDENT).isPresent();
    }
}
