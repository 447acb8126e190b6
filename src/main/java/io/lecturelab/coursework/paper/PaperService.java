package io.lecturelab.coursework.paper;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.Member;
import io.lecturelab.coursework.AssignmentKind;
import io.lecturelab.coursework.AssignmentService;
import io.lecturelab.coursework.paper.PaperRepository.AssignmentRow;
import io.lecturelab.coursework.paper.PaperRepository.MatchingState;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The papers a course's students review. Staff keep the list of papers; students rank a few of them; the instructor
 * sets a cap per paper, runs the assignment ({@link PaperMatching}: a minimum-cost flow that first maximises how many
 * students get a paper they ranked, then the rank points), moves students by hand and publishes. A student sees only
 * their own paper, and only once it is published.
 * <p>
 * Every call takes the acting user and is decided here. Rankings, runs, moves, publishing and changes to papers of
 * one course are ordered by the row lock on the course's {@code paper_matching} row, so two servers cannot publish
 * while a ranking is replaced or fill a paper past its cap at the same moment.
 */
@ApplicationScoped
@Transactional
public class PaperService {

    static final int MAX_TITLE = 300;
    static final int MAX_AUTHORS = 500;
    static final int MAX_VENUE = 200;

    private final PaperRepository papers;
    private final CourseService courses;
    private final AssignmentService assignments;
    private final Clock clock;

    PaperService(PaperRepository papers, CourseService courses, AssignmentService assignments, Clock clock) {
        this.papers = papers;
        this.courses = courses;
        this.assignments = assignments;
        this.clock = clock;
    }

    // --- reading -------------------------------------------------------------------------------------------------

    /** The papers page for any member of the course. */
    public PapersOverview overview(long courseId, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        boolean student = isStudent(access);
        MatchingState state = papers.state(courseId);
        List<PaperSummary> list = papers.ofCourse(courseId).stream().map(Paper::summary).toList();
        Map<Long, PaperDemand> demand = access.staff() ? demand(courseId, list) : Map.of();
        List<ReviewAssignment> reviews = assignments.list(courseId, viewer).stream()
                .filter(a -> a.kind() == AssignmentKind.PAPER_REVIEW)
                .map(a -> new ReviewAssignment(a.id(), a.title())).toList();
        int studentCount = access.staff() ? students(courseId, viewer).size() : 0;
        return new PapersOverview(list, student, access.staff(), access.instructor(),
                new PaperSettings(state.capPerPaper(), state.choices()), state.computedAt().isPresent(),
                state.published(), student ? papers.ranking(courseId, viewer.id()) : List.of(),
                student ? publishedPaper(courseId, viewer.id(), state) : Optional.empty(), demand, studentCount,
                reviews);
    }

    /** The viewer's own paper, once the assignment is published; empty before and for staff. */
    public Optional<PaperSummary> myPaper(long courseId, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        if (!isStudent(access)) {
            return Optional.empty();
        }
        return publishedPaper(courseId, viewer.id(), papers.state(courseId));
    }

    /** Every student with their paper, for the course's staff. */
    public MatchingTable matching(long courseId, SignedInUser viewer) {
        courses.requireStaff(courseId, viewer);
        MatchingState state = papers.state(courseId);
        Map<Long, AssignmentRow> byUser = papers.assignments(courseId).stream()
                .collect(Collectors.toMap(AssignmentRow::userId, Function.identity()));
        List<MatchingTable.Row> rows = students(courseId, viewer).stream()
                .sorted(Comparator.comparing(Member::displayName).thenComparing(Member::username))
                .map(m -> {
                    AssignmentRow row = byUser.get(m.userId());
                    return new MatchingTable.Row(m.userId(), m.displayName(), m.username(),
                            Optional.ofNullable(row).map(AssignmentRow::paperId),
                            row == null || row.choice() == null ? OptionalInt.empty() : OptionalInt.of(row.choice()),
                            row != null && row.byHand());
                }).toList();
        Map<Long, Integer> load = new HashMap<>();
        rows.forEach(r -> r.paperId().ifPresent(p -> load.merge(p, 1, Integer::sum)));
        return new MatchingTable(rows, Map.copyOf(load), state.capPerPaper(), state.computedAt().isPresent(),
                state.published());
    }

    // --- the list of papers (staff) ------------------------------------------------------------------------------

    public long addPaper(long courseId, PaperDraft draft, SignedInUser editor) {
        courses.requireStaff(courseId, editor);
        String link = check(draft);
        Paper paper = new Paper();
        paper.courseId = courseId;
        paper.createdAt = clock.instant();
        paper.apply(draft, link);
        papers.persist(paper);
        return paper.id;
    }

    /** Changes a paper; refused once a published assignment gives it to a student. */
    public PaperSummary updatePaper(long courseId, long paperId, PaperDraft draft, SignedInUser editor) {
        courses.requireStaff(courseId, editor);
        String link = check(draft);
        Paper paper = changeable(courseId, paperId);
        paper.apply(draft, link);
        return paper.summary();
    }

    /**
     * Removes a paper with the rankings that name it; refused once a published assignment gives it to a student.
     * Before publishing, students assigned to it are left without a paper until the assignment is run again.
     */
    public void removePaper(long courseId, long paperId, SignedInUser editor) {
        courses.requireStaff(courseId, editor);
        papers.delete(changeable(courseId, paperId));
    }

    // --- preferences (students) ----------------------------------------------------------------------------------

    /**
     * Replaces the student's ranking as a whole (first choice first; an empty list withdraws it). Refused once the
     * assignment is published, with more papers than the course allows, the same paper twice or another course's
     * paper.
     */
    public void rank(long courseId, List<Long> paperIds, SignedInUser student) {
        if (!isStudent(courses.access(courseId, student))) {
            throw new UserFacingException("paper.error.studentsOnly");
        }
        MatchingState state = papers.lock(courseId);
        if (state.published()) {
            throw new UserFacingException("paper.error.published");
        }
        List<Long> ranking = List.copyOf(paperIds);
        if (ranking.size() > state.choices()) {
            throw new UserFacingException("paper.error.tooManyChoices", state.choices());
        }
        if (new HashSet<>(ranking).size() != ranking.size()) {
            throw new UserFacingException("paper.error.sameTwice");
        }
        for (long id : ranking) {
            if (papers.inCourse(courseId, id).isEmpty()) {
                throw new UserFacingException("paper.error.notFound");
            }
        }
        papers.replaceRanking(courseId, student.id(), ranking);
    }

    // --- the assignment (instructor) -----------------------------------------------------------------------------

    public PaperSettings updateSettings(long courseId, PaperSettings settings, SignedInUser instructor) {
        courses.requireInstructor(courseId, instructor);
        papers.lock(courseId);
        if (settings.capPerPaper() < 1 || settings.capPerPaper() > PaperSettings.MAX_CAP) {
            throw new UserFacingException("paper.error.cap", PaperSettings.MAX_CAP);
        }
        if (settings.choices() < 1 || settings.choices() > PaperSettings.MAX_CHOICES) {
            throw new UserFacingException("paper.error.choices", PaperSettings.MAX_CHOICES);
        }
        papers.settings(courseId, settings.capPerPaper(), settings.choices());
        return settings;
    }

    /**
     * Computes the assignment of every student of the course from the rankings, replacing any earlier result
     * (moves by hand included). Refused once published, without papers, and when the students outnumber the places.
     */
    public MatchingTable runMatching(long courseId, SignedInUser instructor) {
        courses.requireInstructor(courseId, instructor);
        MatchingState state = papers.lock(courseId);
        if (state.published()) {
            throw new UserFacingException("paper.error.published");
        }
        List<Paper> list = papers.ofCourse(courseId);
        if (list.isEmpty()) {
            throw new UserFacingException("paper.error.noPapers");
        }
        List<Member> students = students(courseId, instructor);
        long places = (long) list.size() * state.capPerPaper();
        if (students.size() > places) {
            throw new UserFacingException("paper.error.tooFewPlaces", students.size(), list.size(),
                    state.capPerPaper(), places, (students.size() + list.size() - 1) / list.size());
        }
        Map<Long, List<Long>> rankings = new LinkedHashMap<>();
        for (long[] p : papers.preferences(courseId)) {
            rankings.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
        }
        PaperMatching.Result result = PaperMatching.assign(
                students.stream().map(m -> new PaperMatching.Student(m.userId(),
                        rankings.getOrDefault(m.userId(), List.of()))).toList(),
                list.stream().map(p -> new PaperMatching.Paper(p.id, state.capPerPaper())).toList(),
                state.choices());
        papers.replaceAssignments(courseId, result.placements(), clock.instant());
        papers.computed(courseId, clock.instant());
        return matching(courseId, instructor);
    }

    /**
     * Places one student on a paper by hand (also after publishing, e.g. for a student who joined late). A full
     * paper is refused with {@code paper.error.full} unless {@code overCap} says the instructor means it.
     */
    public void move(long courseId, long studentId, long paperId, boolean overCap, SignedInUser instructor) {
        courses.requireInstructor(courseId, instructor);
        MatchingState state = papers.lock(courseId);
        if (students(courseId, instructor).stream().noneMatch(m -> m.userId() == studentId)) {
            throw new UserFacingException("paper.error.notAStudent");
        }
        Paper paper = papers.inCourse(courseId, paperId)
                .orElseThrow(() -> new UserFacingException("paper.error.notFound"));
        long others = papers.studentsOn(paperId, studentId);
        if (others >= state.capPerPaper() && !overCap) {
            throw new UserFacingException("paper.error.full", paper.title, others, state.capPerPaper());
        }
        int rank = papers.ranking(courseId, studentId).indexOf(paperId);
        papers.assign(courseId, studentId, paperId, rank < 0 ? null : rank + 1, true, clock.instant());
    }

    /** Shows every student their paper. Refused before a complete assignment exists, and a second time. */
    public void publish(long courseId, SignedInUser instructor) {
        courses.requireInstructor(courseId, instructor);
        MatchingState state = papers.lock(courseId);
        if (state.published()) {
            throw new UserFacingException("paper.error.published");
        }
        MatchingTable table = matching(courseId, instructor);
        if (table.rows().stream().allMatch(r -> r.paperId().isEmpty())) {
            throw new UserFacingException("paper.error.notComputed");
        }
        if (table.unassigned() > 0) {
            throw new UserFacingException("paper.error.unassigned", table.unassigned());
        }
        papers.published(courseId, clock.instant());
    }

    // --- for reviews ---------------------------------------------------------------------------------------------

    /** The paper published for a student of the course, without access checks (callers decide access). */
    Optional<PaperSummary> publishedPaperOf(long courseId, long userId) {
        return publishedPaper(courseId, userId, papers.state(courseId));
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private Optional<PaperSummary> publishedPaper(long courseId, long userId, MatchingState state) {
        if (!state.published()) {
            return Optional.empty();
        }
        return papers.paperOf(courseId, userId).flatMap(id -> papers.inCourse(courseId, id)).map(Paper::summary);
    }

    private Map<Long, PaperDemand> demand(long courseId, List<PaperSummary> list) {
        Map<Long, int[]> counts = new HashMap<>();
        list.forEach(p -> counts.put(p.id(), new int[PaperSettings.MAX_CHOICES]));
        for (long[] p : papers.preferences(courseId)) {
            int[] byRank = counts.get(p[1]);
            if (byRank != null && p[2] >= 1 && p[2] <= PaperSettings.MAX_CHOICES) {
                byRank[(int) p[2] - 1]++;
            }
        }
        Map<Long, PaperDemand> demand = new HashMap<>();
        counts.forEach((id, byRank) -> demand.put(id, new PaperDemand(id,
                Arrays.stream(byRank).boxed().toList())));
        return Map.copyOf(demand);
    }

    private List<Member> students(long courseId, SignedInUser staff) {
        return courses.members(courseId, staff).stream().filter(m -> m.role() == CourseRole.STUDENT).toList();
    }

    private static boolean isStudent(CourseAccess access) {
        return access.role().filter(r -> r == CourseRole.STUDENT).isPresent();
    }

    /** The paper, locked against publishing, when no published assignment uses it. */
    private Paper changeable(long courseId, long paperId) {
        MatchingState state = papers.lock(courseId);
        Paper paper = papers.inCourse(courseId, paperId)
                .orElseThrow(() -> new UserFacingException("paper.error.notFound"));
        if (state.published() && papers.assignments(courseId).stream().anyMatch(a -> a.paperId() == paperId)) {
            throw new UserFacingException("paper.error.inUse", paper.title);
        }
        return paper;
    }

    private static String check(PaperDraft draft) {
        String title = draft.title().strip();
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            throw new UserFacingException("paper.error.title", MAX_TITLE);
        }
        if (draft.authors().strip().length() > MAX_AUTHORS) {
            throw new UserFacingException("paper.error.authors", MAX_AUTHORS);
        }
        if (draft.venue().strip().length() > MAX_VENUE) {
            throw new UserFacingException("paper.error.venue", MAX_VENUE);
        }
        return PaperLink.normalize(draft.link());
    }
}
