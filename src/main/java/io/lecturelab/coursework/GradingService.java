package io.lecturelab.coursework;

import io.lecturelab.base.ChunkedStream;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.Member;
import io.lecturelab.security.SignedInUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Grading with feedback. Staff see every student's (or team's) latest work in a grid, read each version, enter
 * points and feedback and release the grades when ready; a student sees their grade only once released, and may
 * ask for a regrade within the assignment's window. A student never sees another student's or team's work.
 */
@ApplicationScoped
@Transactional
public class GradingService {

    static final int MAX_FEEDBACK_CHARS = 20_000;
    static final int MIN_REGRADE_REASON = 10;
    static final int MAX_REGRADE_REASON = 2000;

    private final AssignmentService assignmentService;
    private final SubmissionService submissionService;
    private final SubmissionRepository submissions;
    private final GradeRepository grades;
    private final Teams teams;
    private final CourseService courses;
    private final Clock clock;
    @Inject
    GradeMails gradeMails;

    GradingService(AssignmentService assignmentService, SubmissionService submissionService,
                   SubmissionRepository submissions, GradeRepository grades, Teams teams, CourseService courses,
                   Clock clock) {
        this.assignmentService = assignmentService;
        this.submissionService = submissionService;
        this.submissions = submissions;
        this.grades = grades;
        this.teams = teams;
        this.courses = courses;
        this.clock = clock;
    }

    // --- staff ---------------------------------------------------------------------------------------------------

    /** Every student (or team, for team work) of the course with their latest version and grade. */
    public List<SubmissionRow> overview(long courseId, long assignmentId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        Assignment a = assignmentService.visible(courseId, assignmentId, true);
        Map<Owner, Submission> latest = submissions.ofAssignment(assignmentId).stream()
                .collect(Collectors.toMap(Submission::owner, s -> s, (x, y) -> x.version > y.version ? x : y));
        Map<Owner, Grade> graded = grades.ofAssignment(assignmentId).stream()
                .collect(Collectors.toMap(Grade::owner, g -> g));
        Set<Long> openRegrades = Set.copyOf(grades.gradesWithOpenRegrades(assignmentId));
        Set<Owner> extended = assignmentService.extensionOwners(assignmentId);
        Map<Long, String> names = courses.memberNames(courseId, staff);
        return owners(courseId, a, staff).stream().map(o -> {
            Optional<Submission> s = Optional.ofNullable(latest.get(o.owner()));
            Optional<Grade> g = Optional.ofNullable(graded.get(o.owner()));
            String status = g.filter(x -> x.releasedAt != null).isPresent() ? "RELEASED"
                    : g.filter(x -> x.points != null).isPresent() ? "GRADED"
                    : s.isPresent() ? "SUBMITTED" : "NOT_SUBMITTED";
            Optional<BigDecimal> points = g.filter(x -> x.points != null)
                    .map(x -> finalPoints(x.points, penalty(a, x)));
            return new SubmissionRow(o.owner(), o.name(), o.number(), status, s.map(x -> x.version),
                    s.map(x -> x.submittedAt), s.map(x -> late(a, x)).orElse(false), extended.contains(o.owner()),
                    points, g.map(x -> x.graderId).map(id -> names.getOrDefault(id, "")).orElse(""),
                    g.map(x -> openRegrades.contains(x.id)).orElse(false));
        }).toList();
    }

    /** One student's or team's work and grade: for staff, or for the student (a team's member) themselves. */
    public WorkDetails work(long courseId, long assignmentId, Owner owner, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        Assignment a = assignmentService.visible(courseId, assignmentId, access.staff());
        if (!access.staff() && !submissionService.mine(courseId, owner, viewer)) {
            throw new UserFacingException("submission.error.notFound");
        }
        String name = access.staff() ? owners(courseId, a, viewer).stream().filter(o -> o.owner().equals(owner))
                .map(OwnerLine::name).findFirst().orElseThrow(() -> new UserFacingException(
                        "assignment.error.ownerNotFound")) : viewer.displayName();
        Optional<GradeView> grade = grades.of(assignmentId, owner)
                .filter(g -> access.staff() || g.releasedAt != null)
                .map(g -> view(a, g, access.staff() ? courses.memberNames(courseId, viewer) : Map.of()));
        return new WorkDetails(owner, name, assignmentService.deadline(a, owner),
                submissionService.versionsOf(courseId, a, owner), grade);
    }

    /** The student's own (or their team's) work and released grade. */
    public Optional<WorkDetails> myWork(long courseId, long assignmentId, SignedInUser student) {
        CourseAccess access = courses.access(courseId, student);
        Assignment a = assignmentService.visible(courseId, assignmentId, access.staff());
        return AssignmentService.ownerOf(a, student.id(), teams.teamOf(courseId, student.id()))
                .map(o -> work(courseId, assignmentId, o, student));
    }

    /** Records points and feedback for the owner's latest version; refused when someone else graded meanwhile. */
    public GradeView saveGrade(long courseId, long assignmentId, Owner owner, GradeForm form, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        Assignment a = assignmentService.visible(courseId, assignmentId, true);
        if (owners(courseId, a, staff).stream().noneMatch(o -> o.owner().equals(owner))) {
            throw new UserFacingException("assignment.error.ownerNotFound");
        }
        BigDecimal points = checkPoints(a, form);
        if (form.feedback().length() > MAX_FEEDBACK_CHARS) {
            throw new UserFacingException("grading.error.feedbackLength", MAX_FEEDBACK_CHARS);
        }
        Optional<Grade> existing = grades.of(assignmentId, owner);
        // 0 stands for "no grade yet", so a grade that exists never has form version 0 (see formVersion)
        if (existing.map(GradingService::formVersion).orElse(0) != form.version()) {
            throw new UserFacingException("grading.error.concurrentEdit");
        }
        Grade grade = existing.orElseGet(() -> Grade.of(assignmentId, owner));
        List<Submission> versions = submissions.versions(assignmentId, owner);
        Long graded = versions.isEmpty() ? null : versions.get(versions.size() - 1).id;
        grade.record(graded, points, form.rubricPoints().stream().map(BigDecimal::toPlainString)
                .collect(Collectors.joining(",")), form.feedback(), staff.id(), clock.instant());
        try {
            if (grade.id == null) {
                grades.persist(grade);
            }
            grades.flush();
            if (owner.team() && graded == null) {
                grades.keepMembersIfNone(grade.id, owner.id());
            }
        } catch (OptimisticLockException e) {
            throw new UserFacingException("grading.error.concurrentEdit");
        } catch (PersistenceException e) {
            // another grader created this grade at the same moment (the unique key on assignment and owner)
            if (uniqueViolation(e)) {
                throw new UserFacingException("grading.error.concurrentEdit");
            }
            throw e;
        }
        return view(a, grade, courses.memberNames(courseId, staff));
    }

    /**
     * Releases every grade of the assignment that has points and is not released yet; returns how many. Their
     * students (every member, for team work) are told by e-mail when this server sends mail.
     */
    public int release(long courseId, long assignmentId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        Assignment assignment = assignmentService.visible(courseId, assignmentId, true);
        Instant now = clock.instant();
        List<Grade> ready = grades.ofAssignment(assignmentId).stream()
                .filter(g -> g.points != null && g.releasedAt == null).toList();
        ready.forEach(g -> g.release(now));
        gradeMails.released(courseId, assignmentId, assignment.title, ready.stream().map(Grade::owner).toList(),
                staff);
        return ready.size();
    }

    /** Staff's answer to a regrade request (after changing the grade, when they accept it). */
    public void answerRegrade(long courseId, long assignmentId, long regradeId, boolean accepted, String answer,
                              SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        assignmentService.visible(courseId, assignmentId, true);
        RegradeRequest request = grades.regrade(regradeId)
                .filter(r -> grades.findByIdOptional(r.gradeId).filter(g -> g.assignmentId == assignmentId)
                        .isPresent())
                .orElseThrow(() -> new UserFacingException("grading.error.regradeNotFound"));
        if (request.status != RegradeRequest.Status.OPEN) {
            throw new UserFacingException("grading.error.regradeAnswered");
        }
        String text = answer == null ? "" : answer.strip();
        if (text.isEmpty() || text.length() > MAX_REGRADE_REASON) {
            throw new UserFacingException("grading.error.answerLength", MAX_REGRADE_REASON);
        }
        request.answer(accepted, text, staff.id(), clock.instant());
    }

    // --- students ------------------------------------------------------------------------------------------------

    /**
     * A student asks for their released grade to be looked at again, with a reason, within the assignment's window;
     * one open request at a time.
     */
    public Regrade requestRegrade(long courseId, long assignmentId, String reason, SignedInUser student) {
        CourseAccess access = courses.access(courseId, student);
        Assignment a = assignmentService.visible(courseId, assignmentId, access.staff());
        Owner owner = AssignmentService.ownerOf(a, student.id(), teams.teamOf(courseId, student.id()))
                .orElseThrow(() -> new UserFacingException("submission.error.noTeam"));
        Grade grade = grades.of(assignmentId, owner).filter(g -> g.releasedAt != null)
                .orElseThrow(() -> new UserFacingException("grading.error.notReleased"));
        if (!clock.instant().isBefore(regradeUntil(a, grade))) {
            throw new UserFacingException("grading.error.regradeClosed");
        }
        String text = reason == null ? "" : reason.strip();
        if (text.length() < MIN_REGRADE_REASON || text.length() > MAX_REGRADE_REASON) {
            throw new UserFacingException("grading.error.reasonLength", MIN_REGRADE_REASON, MAX_REGRADE_REASON);
        }
        if (grades.regrades(grade.id).stream().anyMatch(r -> r.status == RegradeRequest.Status.OPEN)) {
            throw new UserFacingException("grading.error.regradeOpen");
        }
        RegradeRequest request = RegradeRequest.of(grade.id, student.id(), text, clock.instant());
        try {
            grades.persist(request);
            grades.flush();
        } catch (PersistenceException raced) {
            // another request of the same grade was recorded at the same moment (one open request per grade)
            throw new UserFacingException("grading.error.regradeOpen");
        }
        return request.view();
    }

    // --- download all --------------------------------------------------------------------------------------------

    /**
     * Writes every student's (or team's) latest version as one zip, streamed: a folder per student named by student
     * number, with the version's files, its link and text, and {@code receipts.csv} listing every file's SHA-256.
     * File contents are read chunk by chunk in short transactions, so neither memory nor a connection is held for
     * the whole download.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void writeZip(long courseId, long assignmentId, SignedInUser staff, OutputStream out) throws IOException {
        List<ZipPart> parts = QuarkusTransaction.requiringNew().call(() -> zipParts(courseId, assignmentId, staff));
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            StringBuilder csv = new StringBuilder("folder,version,submitted_at,late,file,size,sha256\n");
            for (ZipPart part : parts) {
                Receipt r = part.receipt();
                String folder = part.folder() + "/v" + r.version() + "/";
                if (!r.link().isEmpty()) {
                    put(zip, folder + "link.txt", (r.link() + "\n").getBytes(StandardCharsets.UTF_8));
                }
                if (!r.body().isEmpty()) {
                    put(zip, folder + "text.md", r.body().getBytes(StandardCharsets.UTF_8));
                }
                for (ReceiptFile file : r.files()) {
                    zip.putNextEntry(new ZipEntry(folder + file.name()));
                    try (InputStream in = new ChunkedStream(seq -> submissions.readChunk(file.id(), seq),
                            file.size(), "Submitted file " + file.id())) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                    csv.append(String.join(",", csvCell(part.folder()), Integer.toString(r.version()),
                            r.submittedAt().toString(), Boolean.toString(r.late()), csvCell(file.name()),
                            Long.toString(file.size()), file.sha256())).append('\n');
                }
            }
            put(zip, "receipts.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A safe file name for the zip of an assignment. */
    public String zipName(long courseId, long assignmentId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        Assignment a = assignmentService.visible(courseId, assignmentId, true);
        return "assignment-" + a.id + "-" + a.title.replaceAll("[^\\p{L}\\p{N}]+", "-")
                .replaceAll("(^-|-$)", "") + ".zip";
    }

    private record ZipPart(String folder, Receipt receipt) {
    }

    private List<ZipPart> zipParts(long courseId, long assignmentId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        Assignment a = assignmentService.visible(courseId, assignmentId, true);
        List<ZipPart> parts = new ArrayList<>();
        for (OwnerLine o : owners(courseId, a, staff)) {
            List<Receipt> versions = submissionService.versionsOf(courseId, a, o.owner());
            if (!versions.isEmpty()) {
                String folder = (o.owner().team() ? "team-" + o.owner().id() + "_" + o.name()
                        : o.number() + "_" + o.name()).replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
                parts.add(new ZipPart(folder, versions.get(0)));
            }
        }
        return parts;
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    private static String csvCell(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** Whose work an assignment expects: every student of the course, or every team for team work. */
    private record OwnerLine(Owner owner, String name, String number) {
    }

    private List<OwnerLine> owners(long courseId, Assignment a, SignedInUser staff) {
        if (a.kind.teamWork()) {
            return teams.ofCourse(courseId).stream().map(t -> new OwnerLine(Owner.team(t.id()), t.name(),
                    String.join(", ", t.memberNames()))).toList();
        }
        return courses.members(courseId, staff).stream().filter(m -> !m.role().isStaff())
                .sorted(Comparator.comparing(GradingService::number))
                .map(m -> new OwnerLine(Owner.student(m.userId()), m.displayName(), number(m))).toList();
    }

    private static String number(Member m) {
        return m.studentId() == null || m.studentId().isBlank() ? m.username() : m.studentId();
    }

    private BigDecimal checkPoints(Assignment a, GradeForm form) {
        Rubric rubric = a.rubric();
        BigDecimal points = form.points();
        if (!form.rubricPoints().isEmpty()) {
            if (form.rubricPoints().size() != rubric.items().size()) {
                throw new UserFacingException("grading.error.rubricItems", rubric.items().size());
            }
            for (int i = 0; i < rubric.items().size(); i++) {
                BigDecimal item = form.rubricPoints().get(i);
                if (item == null || item.signum() < 0 || item.compareTo(BigDecimal.valueOf(rubric.items().get(i)
                        .points())) > 0) {
                    throw new UserFacingException("grading.error.rubricPoints", i + 1,
                            rubric.items().get(i).points());
                }
            }
            points = form.rubricPoints().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        if (points == null || points.signum() < 0 || points.compareTo(BigDecimal.valueOf(a.points)) > 0
                || points.scale() > 2 && points.stripTrailingZeros().scale() > 2) {
            throw new UserFacingException("grading.error.points", a.points);
        }
        return points.setScale(2, RoundingMode.UNNECESSARY);
    }

    int penalty(Assignment a, Grade g) {
        if (g.submissionId == null || a.latePenaltyPercent == 0) {
            return 0;
        }
        return submissions.findByIdOptional(g.submissionId)
                .map(s -> assignmentService.deadline(a, s.owner()).penaltyPercent(s.submittedAt,
                        a.latePenaltyPercent))
                .orElse(0);
    }

    /**
     * The version a grader's form carries for a stored grade: one more than the row's, so that 0 always means "no
     * grade yet" (a new row starts at version 0, which a second grader who also saw no grade would otherwise match).
     */
    private static int formVersion(Grade g) {
        return g.version + 1;
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Late against the deadline that holds now: an extension granted afterwards forgives the flag and the penalty. */
    private boolean late(Assignment a, Submission s) {
        return assignmentService.deadline(a, s.owner()).isLate(s.submittedAt);
    }

    /** Points less the penalty, rounded half up to two decimals. */
    static BigDecimal finalPoints(BigDecimal points, int penaltyPercent) {
        return points.multiply(BigDecimal.valueOf(100 - penaltyPercent)).divide(BigDecimal.valueOf(100), 2,
                RoundingMode.HALF_UP);
    }

    private Instant regradeUntil(Assignment a, Grade g) {
        return g.releasedAt.plus(Duration.ofDays(a.regradeDays));
    }

    private GradeView view(Assignment a, Grade g, Map<Long, String> names) {
        int penalty = penalty(a, g);
        Optional<Integer> gradedVersion = Optional.ofNullable(g.submissionId)
                .flatMap(submissions::findByIdOptional).map(s -> s.version);
        List<BigDecimal> perItem = g.rubricPoints.isBlank() ? List.of()
                : Arrays.stream(g.rubricPoints.split(",")).map(BigDecimal::new).toList();
        return new GradeView(g.id == null ? 0 : g.id, g.owner(), g.points, a.points, perItem, penalty,
                g.points == null ? null : finalPoints(g.points, penalty), g.feedback, gradedVersion,
                g.graderId == null ? "" : names.getOrDefault(g.graderId, ""), Optional.ofNullable(g.gradedAt),
                Optional.ofNullable(g.releasedAt),
                Optional.ofNullable(g.releasedAt).map(r -> regradeUntil(a, g)),
                g.id == null ? List.of() : grades.regrades(g.id).stream().map(RegradeRequest::view).toList(),
                g.id == null ? 0 : formVersion(g));
    }
}
