package io.lecturelab.attendance;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.Member;
import io.lecturelab.lecture.LectureService;
import io.lecturelab.lecture.LectureSummary;
import io.lecturelab.lecture.Schedule;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Attendance of a course. The class sessions follow the schedule (each published lecture's recording on its date and
 * its live class at its start time); staff add sessions and cancel them. Staff mark students present, late, absent or
 * excused, one cell at a time (each edit carries the version it saw, so two editors never overwrite each other
 * unseen) or "all present" (which fills only empty cells); every change is kept with who, when, old and new. During
 * a class staff open a short check-in code; a student of the course who types it while it is valid is marked present
 * (late after the rule's grace minutes), once. The instructor's rule turns marks into points. Every public method
 * takes the acting user and decides access itself.
 */
@ApplicationScoped
@Transactional
public class AttendanceService {

    static final int MAX_TITLE = 200;
    /** Letters and digits that cannot be mistaken for one another on a projector (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
    static final String CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
    static final int CODE_LENGTH = 6;
    private static final BigDecimal MAX_POINTS = BigDecimal.ONE;

    private final AttendanceRepository repository;
    private final CourseService courses;
    private final LectureService lectures;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AttendanceService(AttendanceRepository repository, CourseService courses, LectureService lectures, Clock clock) {
        this.repository = repository;
        this.courses = courses;
        this.lectures = lectures;
        this.clock = clock;
    }

    // --- reading -----------------------------------------------------------------------------------------------------

    /** The sheet: every session, every student's marks and points (staff). */
    public AttendanceSheet sheet(long courseId, SignedInUser staff) {
        CourseAccess access = courses.requireStaff(courseId, staff);
        ZoneId zone = zone(courseId);
        AttendanceRule rule = rule(courseId);
        List<ClassSession> sessions = synced(courseId, zone);
        List<AttendanceMark> marks = repository.marks(courseId);
        Map<Long, String> names = names(courseId);
        List<SessionView> views = views(sessions, marks, zone);
        Map<Long, Map<Long, AttendanceMark>> byStudent = byStudent(marks);
        List<SheetRow> rows = new ArrayList<>();
        for (Member student : students(courseId)) {
            Map<Long, AttendanceMark> own = byStudent.getOrDefault(student.userId(), Map.of());
            Map<Long, Cell> cells = new HashMap<>();
            own.forEach((sessionId, m) -> cells.put(sessionId, cell(m, names, zone)));
            rows.add(new SheetRow(student.userId(), number(student), student.displayName(), Map.copyOf(cells),
                    score(views, own, rule)));
        }
        return new AttendanceSheet(zone, rule, views, List.copyOf(rows), access.instructor());
    }

    /** The sessions in time order (staff), e.g. to choose one for a check-in code. */
    public List<SessionView> sessions(long courseId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        ZoneId zone = zone(courseId);
        return views(synced(courseId, zone), repository.marks(courseId), zone);
    }

    /** The signed-in student's own record. */
    public StudentRecord myRecord(long courseId, SignedInUser student) {
        return record(courseId, student.id(), student);
    }

    /** One student's record: for the student themselves, or for staff. Others are told it does not exist. */
    public StudentRecord record(long courseId, long studentId, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        boolean self = studentId == viewer.id() && access.role().orElse(null) == CourseRole.STUDENT;
        if (!access.staff() && !self) {
            throw new UserFacingException("attendance.error.studentNotFound");
        }
        Member student = student(courseId, studentId);
        ZoneId zone = zone(courseId);
        AttendanceRule rule = rule(courseId);
        List<ClassSession> sessions = synced(courseId, zone);
        List<AttendanceMark> marks = repository.marks(courseId);
        List<SessionView> views = views(sessions, marks, zone);
        Map<Long, AttendanceMark> own = byStudent(marks).getOrDefault(studentId, Map.of());
        List<StudentRecord.Line> lines = new ArrayList<>();
        for (SessionView s : views) {
            Optional<Status> status = Optional.ofNullable(own.get(s.id())).map(m -> m.status);
            Optional<BigDecimal> points = s.counted() ? rule.points(status.orElse(null)) : Optional.empty();
            lines.add(new StudentRecord.Line(s, status, points));
        }
        return new StudentRecord(studentId, student.displayName(), rule, List.copyOf(lines),
                score(views, own, rule));
    }

    /** Every change of one student's mark for one session, oldest first (staff). */
    public List<HistoryEntry> history(long courseId, long sessionId, long studentId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        session(courseId, sessionId);
        student(courseId, studentId);
        ZoneId zone = zone(courseId);
        Map<Long, String> names = names(courseId);
        return repository.history(sessionId, studentId).stream()
                .map(c -> new HistoryEntry(c.changedAt.atZone(zone), name(names, c.changedBy),
                        Optional.ofNullable(c.oldStatus), Optional.ofNullable(c.newStatus), c.via))
                .toList();
    }

    /** The rule in force (every member may read it: it is stated on their page). */
    public AttendanceRule rule(long courseId, SignedInUser viewer) {
        courses.access(courseId, viewer);
        return rule(courseId);
    }

    /** Points of every student, for {@link AttendanceGrades}. */
    Map<Long, AttendanceGrades.Score> scores(long courseId) {
        ZoneId zone = zone(courseId);
        AttendanceRule rule = rule(courseId);
        List<AttendanceMark> marks = repository.marks(courseId);
        List<SessionView> views = views(synced(courseId, zone), marks, zone);
        Map<Long, Map<Long, AttendanceMark>> byStudent = byStudent(marks);
        Map<Long, AttendanceGrades.Score> out = new LinkedHashMap<>();
        for (Member student : students(courseId)) {
            out.put(student.userId(), score(views, byStudent.getOrDefault(student.userId(), Map.of()), rule));
        }
        return out;
    }

    // --- marks -------------------------------------------------------------------------------------------------------

    /**
     * Sets (or, with {@code status} null, clears) one student's mark for one session (staff). {@code version} is the
     * version of the cell the editor saw ({@link Cell#version}, 0 for an empty cell): when someone changed the cell
     * since, nothing is saved and the editor is told. Returns the cell as it is now (empty: not marked).
     */
    public Optional<Cell> setMark(long courseId, long sessionId, long studentId, Status status, int version,
                                  SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        Member student = student(courseId, studentId);
        ClassSession session = repository.lockSession(courseId, sessionId)
                .orElseThrow(() -> new UserFacingException("attendance.error.sessionNotFound"));
        if (session.cancelled) {
            throw new UserFacingException("attendance.error.cancelled", session.title);
        }
        Optional<AttendanceMark> stored = repository.mark(sessionId, studentId);
        if (stored.map(AttendanceMark::formVersion).orElse(0) != version) {
            throw new UserFacingException("attendance.error.stale", student.displayName(), session.title);
        }
        Status before = stored.map(m -> m.status).orElse(null);
        ZoneId zone = zone(courseId);
        if (before == status) {
            return stored.map(m -> cell(m, names(courseId), zone));
        }
        Instant now = clock.instant();
        repository.persist(MarkChange.of(sessionId, studentId, before, status, Via.STAFF, staff.id(), now));
        if (status == null) {
            repository.delete(stored.orElseThrow());
            repository.flush();
            return Optional.empty();
        }
        AttendanceMark mark = stored.orElseGet(() -> AttendanceMark.of(sessionId, studentId));
        mark.set(status, Via.STAFF, staff.id(), now);
        if (mark.id == null) {
            repository.persist(mark);
        }
        repository.flush();
        return Optional.of(cell(mark, names(courseId), zone));
    }

    /** Marks every student who has no mark for the session present (staff); marks already set stay. Returns how many. */
    public int markAllPresent(long courseId, long sessionId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        ClassSession session = repository.lockSession(courseId, sessionId)
                .orElseThrow(() -> new UserFacingException("attendance.error.sessionNotFound"));
        if (session.cancelled) {
            throw new UserFacingException("attendance.error.cancelled", session.title);
        }
        Set<Long> marked = repository.marksOfSession(sessionId).stream().map(m -> m.userId)
                .collect(Collectors.toSet());
        Instant now = clock.instant();
        int filled = 0;
        for (Member student : students(courseId)) {
            if (marked.contains(student.userId())) {
                continue;
            }
            AttendanceMark mark = AttendanceMark.of(sessionId, student.userId());
            mark.set(Status.PRESENT, Via.ALL, staff.id(), now);
            repository.persist(mark);
            repository.persist(MarkChange.of(sessionId, student.userId(), null, Status.PRESENT, Via.ALL, staff.id(),
                    now));
            filled++;
        }
        repository.flush();
        return filled;
    }

    // --- sessions ----------------------------------------------------------------------------------------------------

    /** Adds a session that is not in the schedule, e.g. a make-up class (staff). Returns its id. */
    public long addSession(long courseId, String title, LocalDateTime startsAt, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        String name = title == null ? "" : title.strip();
        if (name.isEmpty() || name.length() > MAX_TITLE) {
            throw new UserFacingException("attendance.error.title", MAX_TITLE);
        }
        if (startsAt == null) {
            throw new UserFacingException("attendance.error.startsAt");
        }
        ClassSession session = ClassSession.extra(courseId, name, startsAt.atZone(zone(courseId)).toInstant(),
                clock.instant());
        repository.persist(session);
        repository.flush();
        return session.id;
    }

    /**
     * Cancels a session (staff), or brings it back: a cancelled session does not count and takes no marks or
     * check-ins; its marks are kept. Cancelling ends its check-in code.
     */
    public void cancelSession(long courseId, long sessionId, boolean cancelled, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        ClassSession session = repository.lockSession(courseId, sessionId)
                .orElseThrow(() -> new UserFacingException("attendance.error.sessionNotFound"));
        session.cancel(cancelled);
        if (cancelled) {
            Instant now = clock.instant();
            repository.codesOfSession(sessionId).forEach(c -> c.end(now));
        }
        repository.flush();
    }

    // --- the rule ----------------------------------------------------------------------------------------------------

    /**
     * Saves the rule (instructors). {@code rule.version()} is the version that was read (0: the default); refused when
     * someone saved since. Points lie in 0..1 with at most two decimals and absent is at most late.
     */
    public AttendanceRule saveRule(long courseId, AttendanceRule rule, SignedInUser instructor) {
        courses.requireInstructor(courseId, instructor);
        if (!fraction(rule.latePoints()) || !fraction(rule.absentPoints())) {
            throw new UserFacingException("attendance.error.rulePoints");
        }
        if (rule.absentPoints().compareTo(rule.latePoints()) > 0) {
            throw new UserFacingException("attendance.error.ruleOrder");
        }
        if (rule.codeMinutes() < 1 || rule.codeMinutes() > 60) {
            throw new UserFacingException("attendance.error.codeMinutes", 1, 60);
        }
        if (rule.graceMinutes() < 0 || rule.graceMinutes() > 240) {
            throw new UserFacingException("attendance.error.graceMinutes", 0, 240);
        }
        Optional<RuleRow> stored = repository.rule(courseId);
        if (stored.map(r -> r.version + 1).orElse(0) != rule.version()) {
            throw new UserFacingException("attendance.error.ruleStale");
        }
        RuleRow row = stored.orElseGet(() -> RuleRow.of(courseId));
        row.set(new AttendanceRule(rule.latePoints().setScale(2), rule.absentPoints().setScale(2),
                rule.codeMinutes(), rule.graceMinutes(), 0), instructor.id(), clock.instant());
        if (stored.isEmpty()) {
            repository.persist(row);
        }
        try {
            repository.flush();
        } catch (jakarta.persistence.PersistenceException e) {
            // another instructor saved at the same moment (a newer version, or the first row of the course)
            throw new UserFacingException("attendance.error.ruleStale");
        }
        return row.rule();
    }

    private static boolean fraction(BigDecimal value) {
        return value != null && value.signum() >= 0 && value.compareTo(MAX_POINTS) <= 0
                && value.stripTrailingZeros().scale() <= 2;
    }

    // --- check-in codes ----------------------------------------------------------------------------------------------

    /**
     * Opens a new check-in code for a session (staff), valid for the rule's minutes; any earlier code of the session
     * ends now.
     */
    public OpenCode openCode(long courseId, long sessionId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        ClassSession session = repository.lockSession(courseId, sessionId)
                .orElseThrow(() -> new UserFacingException("attendance.error.sessionNotFound"));
        if (session.cancelled) {
            throw new UserFacingException("attendance.error.cancelled", session.title);
        }
        Instant now = clock.instant();
        repository.codesOfSession(sessionId).forEach(c -> c.end(now));
        String text;
        do {
            text = newCode();
        } while (repository.codeInUse(text, now));
        CheckInCode code = CheckInCode.open(sessionId, text, staff.id(), now,
                now.plus(Duration.ofMinutes(rule(courseId).codeMinutes())));
        repository.persist(code);
        repository.flush();
        return open(session, code, now);
    }

    /** Ends the session's code now (staff). */
    public void closeCode(long courseId, long sessionId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        repository.lockSession(courseId, sessionId)
                .orElseThrow(() -> new UserFacingException("attendance.error.sessionNotFound"));
        Instant now = clock.instant();
        repository.codesOfSession(sessionId).forEach(c -> c.end(now));
        repository.flush();
    }

    /** The course's code that is valid now, if any (staff), with how many students checked in to its session. */
    public Optional<OpenCode> currentCode(long courseId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        Instant now = clock.instant();
        return repository.openCodes(courseId, now).stream().findFirst()
                .map(c -> open(session(courseId, c.sessionId), c, now));
    }

    private OpenCode open(ClassSession session, CheckInCode code, Instant now) {
        long left = Math.max(0, Duration.between(now, code.expiresAt).toSeconds());
        return new OpenCode(session.id, session.title, session.kind, code.code, code.expiresAt, left,
                repository.checkIns(session.id));
    }

    /**
     * A student checks in with a code. Refused, with nothing changed, unless the user is a student of the course and
     * the code is one of this course's, typed while it is valid, the first time for its session. Marks the student
     * present, or late when it is more than the rule's grace minutes after the session's start; a mark staff already
     * set (present, late, excused) stays, an "absent" is replaced.
     */
    public CheckInResult checkIn(long courseId, String typed, SignedInUser student) {
        CourseAccess access = courses.access(courseId, student);
        if (access.role().orElse(null) != CourseRole.STUDENT) {
            throw new UserFacingException("attendance.checkIn.error.notStudent");
        }
        String text = normalise(typed);
        if (!text.matches("[A-Z0-9]{" + CODE_LENGTH + "}")) {
            throw new UserFacingException("attendance.checkIn.error.format", CODE_LENGTH);
        }
        CheckInCode found = repository.newestCode(text)
                .orElseThrow(() -> new UserFacingException("attendance.checkIn.error.unknown"));
        // the lock makes concurrent check-ins (and staff's edits, a new code, a cancellation) of this session wait
        // for one another, so the checks below see the latest state
        ClassSession session = repository.lockSession(courseId, found.sessionId)
                .orElseThrow(() -> new UserFacingException("attendance.checkIn.error.otherCourse"));
        CheckInCode code = repository.newestCode(text).orElseThrow();
        Instant now = clock.instant();
        if (code.sessionId != session.id || !code.validAt(now) || session.cancelled) {
            throw new UserFacingException("attendance.checkIn.error.expired");
        }
        if (!repository.checkIn(session.id, student.id(), code.id, now)) {
            throw new UserFacingException("attendance.checkIn.error.already", session.title);
        }
        Status status = now.isAfter(session.startsAt.plus(Duration.ofMinutes(rule(courseId).graceMinutes())))
                ? Status.LATE : Status.PRESENT;
        Optional<AttendanceMark> stored = repository.mark(session.id, student.id());
        Status before = stored.map(m -> m.status).orElse(null);
        if (before != null && before != Status.ABSENT) {
            repository.flush();
            return new CheckInResult(session.title, before, false);
        }
        AttendanceMark mark = stored.orElseGet(() -> AttendanceMark.of(session.id, student.id()));
        mark.set(status, Via.CODE, student.id(), now);
        if (mark.id == null) {
            repository.persist(mark);
        }
        repository.persist(MarkChange.of(session.id, student.id(), before, status, Via.CODE, student.id(), now));
        repository.flush();
        return new CheckInResult(session.title, status, true);
    }

    /** A typed code as stored: capitals, without spaces or dashes. */
    static String normalise(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    private String newCode() {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    /**
     * The course's sessions, after bringing them in line with the schedule: each published lecture with a date has a
     * RECORDED session (the start of that day in the course's time zone), each with a live class time a LIVE one;
     * their titles and times follow the lecture.
     */
    private List<ClassSession> synced(long courseId, ZoneId zone) {
        Schedule schedule = lectures.schedule(courseId, SignedInUser.system());
        List<ClassSession> sessions = repository.sessions(courseId);
        Map<String, ClassSession> existing = new HashMap<>();
        sessions.stream().filter(s -> s.lectureId != null).forEach(s -> existing.put(s.lectureId + s.kind.name(), s));
        Instant now = clock.instant();
        boolean added = false;
        for (LectureSummary lecture : schedule.lectures()) {
            if (!lecture.published()) {
                continue;
            }
            Optional<Instant> recorded = lecture.date().map(d -> d.atStartOfDay(zone).toInstant());
            Optional<Instant> live = lecture.liveStartsAt().map(z -> z.toInstant());
            for (SessionKind kind : List.of(SessionKind.RECORDED, SessionKind.LIVE)) {
                Optional<Instant> start = kind == SessionKind.RECORDED ? recorded : live;
                if (start.isEmpty()) {
                    continue;
                }
                String title = lecture.title().length() > MAX_TITLE ? lecture.title().substring(0, MAX_TITLE)
                        : lecture.title();
                ClassSession s = existing.get(lecture.id() + kind.name());
                if (s == null) {
                    repository.addLectureSession(courseId, lecture.id(), kind, title, start.get(), now);
                    added = true;
                } else if (!s.title.equals(title) || !s.startsAt.equals(start.get())) {
                    s.follow(title, start.get());
                }
            }
        }
        return added ? repository.sessions(courseId) : sessions;
    }

    private List<SessionView> views(List<ClassSession> sessions, List<AttendanceMark> marks, ZoneId zone) {
        Instant now = clock.instant();
        Set<Long> taken = marks.stream().map(m -> m.sessionId).collect(Collectors.toSet());
        return sessions.stream()
                .sorted(Comparator.comparing((ClassSession s) -> s.startsAt).thenComparing(s -> s.kind)
                        .thenComparing(s -> s.id))
                .map(s -> new SessionView(s.id, s.kind, s.title, s.startsAt.atZone(zone), s.cancelled,
                        !s.startsAt.isAfter(now), taken.contains(s.id), Optional.ofNullable(s.lectureId)))
                .toList();
    }

    private static AttendanceGrades.Score score(List<SessionView> sessions, Map<Long, AttendanceMark> own,
                                                AttendanceRule rule) {
        List<Status> counted = new ArrayList<>();
        for (SessionView s : sessions) {
            if (s.counted()) {
                AttendanceMark m = own.get(s.id());
                counted.add(m == null ? null : m.status);
            }
        }
        return rule.score(counted);
    }

    private static Map<Long, Map<Long, AttendanceMark>> byStudent(List<AttendanceMark> marks) {
        Map<Long, Map<Long, AttendanceMark>> out = new HashMap<>();
        marks.forEach(m -> out.computeIfAbsent(m.userId, u -> new HashMap<>()).put(m.sessionId, m));
        return out;
    }

    private static Cell cell(AttendanceMark m, Map<Long, String> names, ZoneId zone) {
        return new Cell(m.status, m.formVersion(), m.via, name(names, m.updatedBy), m.updatedAt.atZone(zone));
    }

    private static Optional<String> name(Map<Long, String> names, Long userId) {
        return userId == null ? Optional.empty() : Optional.ofNullable(names.get(userId));
    }

    AttendanceRule rule(long courseId) {
        return repository.rule(courseId).map(RuleRow::rule).orElse(AttendanceRule.DEFAULT);
    }

    private ClassSession session(long courseId, long sessionId) {
        return repository.session(courseId, sessionId)
                .orElseThrow(() -> new UserFacingException("attendance.error.sessionNotFound"));
    }

    /** The course's students by number, then name; read as the application (callers have decided access). */
    private List<Member> students(long courseId) {
        return courses.members(courseId, SignedInUser.system()).stream()
                .filter(m -> m.role() == CourseRole.STUDENT)
                .sorted(Comparator.comparing(AttendanceService::number).thenComparing(Member::displayName))
                .toList();
    }

    private Member student(long courseId, long userId) {
        return students(courseId).stream().filter(m -> m.userId() == userId).findFirst()
                .orElseThrow(() -> new UserFacingException("attendance.error.studentNotFound"));
    }

    private Map<Long, String> names(long courseId) {
        return courses.members(courseId, SignedInUser.system()).stream()
                .collect(Collectors.toMap(Member::userId, Member::displayName));
    }

    private static String number(Member m) {
        return m.studentId() == null || m.studentId().isBlank() ? m.username() : m.studentId();
    }

    private ZoneId zone(long courseId) {
        return ZoneId.of(courses.timeZone(courseId));
    }
}
