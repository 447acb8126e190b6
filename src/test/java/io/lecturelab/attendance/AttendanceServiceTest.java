package io.lecturelab.attendance;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.NewMember;
import io.lecturelab.lecture.LectureDraft;
import io.lecturelab.lecture.LectureService;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import io.lecturelab.testsupport.HandClock;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Attendance against the real PostgreSQL, with the application's clock in the test's hand: sessions from the
 * schedule, marks and their history, the rule's arithmetic, check-in codes (expiry, single use, under concurrent
 * entry) and who may do what.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class AttendanceServiceTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @Inject
    AttendanceService attendance;

    @Inject
    AttendanceGrades grades;

    @Inject
    CourseService courses;

    @Inject
    LectureService lectures;

    @Inject
    UserService users;

    @Inject
    EntityManager entityManager;

    private final HandClock clock = new HandClock(seoul("2026-12-01T09:00"));
    private long course;
    private SignedInUser instructor;
    private SignedInUser ta;
    private SignedInUser ta2;
    private SignedInUser alice;
    private SignedInUser bob;

    @BeforeEach
    void course() {
        QuarkusMock.installMockForType(clock, Clock.class);
        course = courses.create("att-" + unique(), "Deep learning", "2026 Fall", SignedInUser.system());
        instructor = person(course, CourseRole.INSTRUCTOR, null);
        ta = person(course, CourseRole.TA, null);
        ta2 = person(course, CourseRole.TA, null);
        alice = person(course, CourseRole.STUDENT, "2026" + digits());
        bob = person(course, CourseRole.STUDENT, "2026" + digits());
    }

    // --- sessions ----------------------------------------------------------------------------------------------------

    @Test
    void sessions_follow_the_published_schedule_and_staff_add_and_cancel_sessions() {
        long week1 = lecture(1, "2026-11-23", "2026-11-24T12:00", "Linear classifiers", true);
        lecture(2, "2026-11-30", "2026-12-01T12:00", "Backpropagation", true);
        lecture(3, "2026-12-07", "2026-12-08T12:00", "Not yet published", false);

        AttendanceSheet sheet = attendance.sheet(course, ta);
        assertThat(sheet.sessions()).extracting(SessionView::kind, SessionView::title, s -> s.startsAt().toLocalDateTime())
                .containsExactly(
                        tuple(SessionKind.RECORDED, "Linear classifiers", LocalDateTime.parse("2026-11-23T00:00")),
                        tuple(SessionKind.LIVE, "Linear classifiers", LocalDateTime.parse("2026-11-24T12:00")),
                        tuple(SessionKind.RECORDED, "Backpropagation", LocalDateTime.parse("2026-11-30T00:00")),
                        tuple(SessionKind.LIVE, "Backpropagation", LocalDateTime.parse("2026-12-01T12:00")));
        assertThat(sheet.sessions()).extracting(SessionView::happened).containsExactly(true, true, true, false);
        // reading again makes nothing twice
        assertThat(attendance.sheet(course, instructor).sessions()).hasSize(4);

        // the live class moves: its session follows, and keeps its id
        long liveId = sheet.sessions().get(1).id();
        var draft = lectures.lecture(course, week1, instructor);
        lectures.update(course, week1, new LectureDraft(1, LocalDate.parse("2026-11-23"), "Linear classifiers (v2)",
                "", "", LocalDateTime.parse("2026-11-25T10:00"), "", draft.version()), instructor);
        SessionView moved = attendance.sheet(course, ta).sessions().stream().filter(s -> s.id() == liveId)
                .findFirst().orElseThrow();
        assertThat(moved.title()).isEqualTo("Linear classifiers (v2)");
        assertThat(moved.startsAt().toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-11-25T10:00"));

        long extra = attendance.addSession(course, "Make-up lab", LocalDateTime.parse("2026-11-28T14:00"), ta);
        assertThat(attendance.sheet(course, ta).sessions()).extracting(SessionView::id).contains(extra).hasSize(5);
        refused(() -> attendance.addSession(course, " ", LocalDateTime.parse("2026-11-28T14:00"), ta),
                "attendance.error.title");
        refused(() -> attendance.addSession(course, "No time", null, ta), "attendance.error.startsAt");

        attendance.cancelSession(course, extra, true, ta);
        assertThat(session(extra).cancelled()).isTrue();
        refused(() -> attendance.setMark(course, extra, alice.id(), Status.PRESENT, 0, ta), "attendance.error.cancelled");
        refused(() -> attendance.openCode(course, extra, ta), "attendance.error.cancelled");
        attendance.cancelSession(course, extra, false, ta);
        assertThat(session(extra).cancelled()).isFalse();
    }

    // --- the rule ----------------------------------------------------------------------------------------------------

    @Test
    void the_rule_turns_marks_into_points_excused_drops_out_and_only_taken_past_sessions_count() {
        assertThat(AttendanceRule.DEFAULT.score(List.of())).isEqualTo(new AttendanceGrades.Score(BigDecimal.ZERO,
                BigDecimal.ZERO));
        long s1 = attendance.addSession(course, "One", LocalDateTime.parse("2026-11-02T12:00"), ta);
        long s2 = attendance.addSession(course, "Two", LocalDateTime.parse("2026-11-09T12:00"), ta);
        long s3 = attendance.addSession(course, "Three", LocalDateTime.parse("2026-11-16T12:00"), ta);
        long s4 = attendance.addSession(course, "Four", LocalDateTime.parse("2026-11-23T12:00"), ta);
        long untaken = attendance.addSession(course, "Nobody marked", LocalDateTime.parse("2026-11-25T12:00"), ta);
        long cancelled = attendance.addSession(course, "Cancelled", LocalDateTime.parse("2026-11-26T12:00"), ta);
        long future = attendance.addSession(course, "Next week", LocalDateTime.parse("2026-12-08T12:00"), ta);
        // nothing taken yet: nobody is graded
        assertThat(grades.ofCourse(course).values()).allSatisfy(s -> assertThat(s.possible()).isZero());

        mark(s1, alice, Status.PRESENT);
        mark(s2, alice, Status.LATE);
        mark(s3, alice, Status.EXCUSED);
        mark(s4, alice, Status.ABSENT);
        mark(s1, bob, Status.LATE); // bob has no mark for s2..s4: absent where attendance was taken
        mark(cancelled, alice, Status.PRESENT);
        attendance.cancelSession(course, cancelled, true, ta);
        mark(future, alice, Status.PRESENT);

        Map<Long, AttendanceGrades.Score> scores = grades.ofCourse(course);
        // alice: 1 + 0.5 + (excused) + 0 over 3 sessions; bob: 0.5 + 0 + 0 + 0 over 4
        assertScore(scores.get(alice.id()), "1.5", "3");
        assertScore(scores.get(bob.id()), "0.5", "4");
        assertThat(scores).containsOnlyKeys(alice.id(), bob.id());

        StudentRecord record = attendance.myRecord(course, alice);
        assertThat(record.lines()).extracting(l -> l.session().title(), l -> l.status().orElse(null),
                        l -> l.points().map(BigDecimal::stripTrailingZeros).orElse(null))
                .containsExactly(tuple("One", Status.PRESENT, BigDecimal.ONE),
                        tuple("Two", Status.LATE, new BigDecimal("0.5")),
                        tuple("Three", Status.EXCUSED, null),
                        tuple("Four", Status.ABSENT, BigDecimal.ZERO),
                        tuple("Nobody marked", null, null),
                        tuple("Cancelled", Status.PRESENT, null),
                        tuple("Next week", Status.PRESENT, null));
        assertThat(record.lines().get(4).session().counted()).isFalse();
        assertThat(record.lines().get(6).session().happened()).isFalse();
        assertScore(record.score(), "1.5", "3");

        // the instructor changes the rule: late 0.75, absent 0.25
        AttendanceRule saved = attendance.saveRule(course, new AttendanceRule(new BigDecimal("0.75"),
                new BigDecimal("0.25"), 3, 5, 0), instructor);
        assertThat(saved.version()).isEqualTo(1);
        scores = grades.ofCourse(course);
        assertScore(scores.get(alice.id()), "2", "3"); // 1 + 0.75 + 0.25
        assertScore(scores.get(bob.id()), "1.5", "4"); // 0.75 + 0.25 × 3
        // the next week's session counts once it has started
        clock.set(seoul("2026-12-08T12:00"));
        assertScore(grades.ofCourse(course).get(alice.id()), "3", "4");
        assertThat(attendance.rule(course, bob).latePoints()).isEqualByComparingTo("0.75");
    }

    @Test
    void the_rule_is_checked_saved_by_instructors_only_and_a_stale_save_is_refused() {
        AttendanceRule rule = attendance.rule(course, ta);
        assertThat(rule).isEqualTo(AttendanceRule.DEFAULT);
        refused(() -> attendance.saveRule(course, rule, ta), "access.instructorOnly");
        refused(() -> attendance.saveRule(course, rule, alice), "access.instructorOnly");
        refused(() -> attendance.saveRule(course, with(rule, "1.5", "0"), instructor), "attendance.error.rulePoints");
        refused(() -> attendance.saveRule(course, with(rule, "0.333", "0"), instructor), "attendance.error.rulePoints");
        refused(() -> attendance.saveRule(course, with(rule, "0.5", "-0.1"), instructor), "attendance.error.rulePoints");
        refused(() -> attendance.saveRule(course, with(rule, "0.25", "0.5"), instructor), "attendance.error.ruleOrder");
        refused(() -> attendance.saveRule(course, new AttendanceRule(rule.latePoints(), rule.absentPoints(), 0, 10, 0),
                instructor), "attendance.error.codeMinutes");
        refused(() -> attendance.saveRule(course, new AttendanceRule(rule.latePoints(), rule.absentPoints(), 5, 241,
                0), instructor), "attendance.error.graceMinutes");
        assertThat(attendance.rule(course, ta)).isEqualTo(AttendanceRule.DEFAULT);

        AttendanceRule first = attendance.saveRule(course, with(rule, "0.6", "0.1"), instructor);
        // a second instructor who read the default rule before that save is refused
        refused(() -> attendance.saveRule(course, with(rule, "0.4", "0"), instructor), "attendance.error.ruleStale");
        assertThat(attendance.rule(course, alice).latePoints()).isEqualByComparingTo("0.6");
        AttendanceRule second = attendance.saveRule(course, with(first, "0.4", "0"), instructor);
        assertThat(second.version()).isEqualTo(first.version() + 1);
    }

    // --- marks -------------------------------------------------------------------------------------------------------

    @Test
    void two_editors_of_one_cell_never_overwrite_each_other_unseen_and_every_change_is_kept() {
        long s = attendance.addSession(course, "Live class", LocalDateTime.parse("2026-11-24T12:00"), ta);
        // both teaching assistants loaded the sheet with alice's cell empty (version 0)
        Cell first = attendance.setMark(course, s, alice.id(), Status.PRESENT, 0, ta).orElseThrow();
        refusedWith(() -> attendance.setMark(course, s, alice.id(), Status.ABSENT, 0, ta2), "attendance.error.stale",
                alice.displayName(), "Live class");
        assertThat(cellOf(alice, s).status()).isEqualTo(Status.PRESENT);
        // after seeing the new mark the second one corrects it, then the first one clears it
        Cell second = attendance.setMark(course, s, alice.id(), Status.LATE, first.version(), ta2).orElseThrow();
        refused(() -> attendance.setMark(course, s, alice.id(), null, first.version(), ta), "attendance.error.stale");
        assertThat(attendance.setMark(course, s, alice.id(), null, second.version(), ta)).isEmpty();
        assertThat(attendance.sheet(course, ta).rows().stream().filter(r -> r.userId() == alice.id()).findFirst()
                .orElseThrow().cells()).doesNotContainKey(s);

        List<HistoryEntry> history = attendance.history(course, s, alice.id(), instructor);
        assertThat(history).extracting(h -> h.by().orElseThrow(), h -> h.before().orElse(null),
                        h -> h.after().orElse(null), HistoryEntry::via)
                .containsExactly(tuple(ta.displayName(), null, Status.PRESENT, Via.STAFF),
                        tuple(ta2.displayName(), Status.PRESENT, Status.LATE, Via.STAFF),
                        tuple(ta.displayName(), Status.LATE, null, Via.STAFF));
        assertThat(history.get(0).at().toInstant()).isEqualTo(clock.instant());
    }

    @Test
    void mark_all_present_fills_only_empty_cells() {
        long s = attendance.addSession(course, "Live class", LocalDateTime.parse("2026-11-24T12:00"), ta);
        SignedInUser carol = person(course, CourseRole.STUDENT, "2026" + digits());
        attendance.setMark(course, s, alice.id(), Status.ABSENT, 0, ta);
        assertThat(attendance.markAllPresent(course, s, ta)).isEqualTo(2);
        assertThat(List.of(alice, bob, carol)).extracting(u -> cellOf(u, s).status(), u -> cellOf(u, s).via())
                .containsExactly(tuple(Status.ABSENT, Via.STAFF), tuple(Status.PRESENT, Via.ALL),
                        tuple(Status.PRESENT, Via.ALL));
        assertThat(attendance.markAllPresent(course, s, ta2)).isZero();
        assertThat(attendance.history(course, s, bob.id(), ta)).extracting(HistoryEntry::via).containsExactly(Via.ALL);
    }

    // --- check-in codes ----------------------------------------------------------------------------------------------

    @Test
    void a_code_marks_present_within_the_grace_then_late_is_accepted_once_and_refused_after_expiry() {
        long s = attendance.addSession(course, "Live class", LocalDateTime.parse("2026-12-01T12:00"), ta);
        SignedInUser carol = person(course, CourseRole.STUDENT, "2026" + digits());
        clock.set(seoul("2026-12-01T12:08"));
        OpenCode code = attendance.openCode(course, s, ta);
        assertThat(code.code()).matches("[" + AttendanceService.CODE_ALPHABET + "]{6}");
        assertThat(code.secondsLeft()).isEqualTo(300);
        assertThat(attendance.currentCode(course, instructor)).map(OpenCode::code).contains(code.code());

        clock.set(seoul("2026-12-01T12:09"));
        // typed in lower case with a space and a dash: accepted
        String typed = code.code().substring(0, 3).toLowerCase() + " -" + code.code().substring(3).toLowerCase();
        CheckInResult present = attendance.checkIn(course, typed, alice);
        assertThat(present).isEqualTo(new CheckInResult("Live class", Status.PRESENT, true));
        refusedWith(() -> attendance.checkIn(course, code.code(), alice), "attendance.checkIn.error.already",
                "Live class");
        clock.set(seoul("2026-12-01T12:11")); // more than 10 minutes after the start
        assertThat(attendance.checkIn(course, code.code(), bob).status()).isEqualTo(Status.LATE);
        assertThat(attendance.currentCode(course, ta).orElseThrow().checkIns()).isEqualTo(2);

        clock.set(seoul("2026-12-01T12:13")); // opened 12:08, valid 5 minutes
        refused(() -> attendance.checkIn(course, code.code(), carol), "attendance.checkIn.error.expired");
        assertThat(attendance.currentCode(course, ta)).isEmpty();
        refused(() -> attendance.checkIn(course, "ZZZZ", carol), "attendance.checkIn.error.format");
        refused(() -> attendance.checkIn(course, "", carol), "attendance.checkIn.error.format");
        String unused = code.code().equals("AAAAAA") ? "CCCCCC" : "AAAAAA";
        refused(() -> attendance.checkIn(course, unused, carol), "attendance.checkIn.error.unknown");

        assertThat(cellOf(alice, s)).extracting(Cell::status, Cell::via).containsExactly(Status.PRESENT, Via.CODE);
        assertThat(cellOf(bob, s).status()).isEqualTo(Status.LATE);
        assertThat(row(carol).cells()).doesNotContainKey(s);
        assertThat(attendance.history(course, s, alice.id(), ta)).extracting(HistoryEntry::via, h -> h.by().orElseThrow())
                .containsExactly(tuple(Via.CODE, alice.displayName()));
    }

    @Test
    void codes_of_another_course_replaced_codes_and_non_students_are_refused_and_change_nothing() {
        long s = attendance.addSession(course, "Live class", LocalDateTime.parse("2026-12-01T09:00"), ta);
        long other = courses.create("att-" + unique(), "Elsewhere", "2026 Fall", SignedInUser.system());
        SignedInUser otherTa = person(other, CourseRole.TA, null);
        SignedInUser otherStudent = person(other, CourseRole.STUDENT, "2026" + digits());
        long foreign = attendance.addSession(other, "Their class", LocalDateTime.parse("2026-12-01T09:00"), otherTa);
        OpenCode theirs = attendance.openCode(other, foreign, otherTa);
        OpenCode first = attendance.openCode(course, s, ta);

        refused(() -> attendance.checkIn(course, theirs.code(), alice), "attendance.checkIn.error.otherCourse");
        refused(() -> attendance.checkIn(other, first.code(), otherStudent), "attendance.checkIn.error.otherCourse");
        refused(() -> attendance.checkIn(course, first.code(), ta), "attendance.checkIn.error.notStudent");
        refused(() -> attendance.checkIn(course, first.code(), instructor), "attendance.checkIn.error.notStudent");
        refused(() -> attendance.checkIn(course, first.code(), otherStudent), "course.error.notFound");

        // a new code ends the earlier one
        clock.advance(Duration.ofSeconds(30));
        OpenCode second = attendance.openCode(course, s, instructor);
        assertThat(second.code()).isNotEqualTo(first.code());
        refused(() -> attendance.checkIn(course, first.code(), alice), "attendance.checkIn.error.expired");
        // staff close it, or cancel the session
        attendance.closeCode(course, s, ta);
        refused(() -> attendance.checkIn(course, second.code(), alice), "attendance.checkIn.error.expired");
        OpenCode third = attendance.openCode(course, s, ta);
        attendance.cancelSession(course, s, true, ta);
        attendance.cancelSession(course, s, false, ta);
        refused(() -> attendance.checkIn(course, third.code(), alice), "attendance.checkIn.error.expired");

        assertThat(row(alice).cells()).isEmpty();
        assertThat(count("select count(*) from check_in where session_id = ?1", s)).isZero();
        assertThat(attendance.checkIn(other, theirs.code(), otherStudent).status()).isEqualTo(Status.PRESENT);
    }

    @Test
    void a_check_in_keeps_a_mark_staff_set_but_replaces_absent() {
        long s = attendance.addSession(course, "Live class", LocalDateTime.parse("2026-12-01T09:00"), ta);
        attendance.setMark(course, s, alice.id(), Status.EXCUSED, 0, ta);
        attendance.setMark(course, s, bob.id(), Status.ABSENT, 0, ta);
        OpenCode code = attendance.openCode(course, s, ta);
        assertThat(attendance.checkIn(course, code.code(), alice)).isEqualTo(new CheckInResult("Live class",
                Status.EXCUSED, false));
        assertThat(attendance.checkIn(course, code.code(), bob)).isEqualTo(new CheckInResult("Live class",
                Status.PRESENT, true));
        assertThat(cellOf(alice, s).status()).isEqualTo(Status.EXCUSED);
        assertThat(attendance.history(course, s, bob.id(), ta)).extracting(h -> h.before().orElse(null),
                h -> h.after().orElse(null)).containsExactly(tuple(null, Status.ABSENT),
                tuple(Status.ABSENT, Status.PRESENT));
    }

    @Test
    void many_students_entering_at_once_each_count_once_however_often_they_submit() throws Exception {
        long s = attendance.addSession(course, "Live class", LocalDateTime.parse("2026-12-01T09:00"), ta);
        List<SignedInUser> students = new ArrayList<>(List.of(alice, bob));
        for (int i = 0; i < 10; i++) {
            students.add(person(course, CourseRole.STUDENT, "2026" + digits()));
        }
        OpenCode code = attendance.openCode(course, s, ta);
        // each student submits three times, all 36 entries at the same moment
        List<Object> outcomes = enterAtOnce(students, 3, code.code());
        assertThat(outcomes.stream().filter(o -> o instanceof CheckInResult)).hasSize(12);
        assertThat(outcomes.stream().filter(o -> o.equals("attendance.checkIn.error.already"))).hasSize(24);
        assertThat(count("select count(*) from check_in where session_id = ?1", s)).isEqualTo(12);
        assertThat(count("select count(*) from attendance_mark where session_id = ?1 and status = 'PRESENT'", s))
                .isEqualTo(12);
        assertThat(count("select count(*) from attendance_mark_change where session_id = ?1", s)).isEqualTo(12);
    }

    @Test
    void entries_at_once_just_after_expiry_are_all_refused() throws Exception {
        long s = attendance.addSession(course, "Live class", LocalDateTime.parse("2026-12-01T09:00"), ta);
        List<SignedInUser> students = new ArrayList<>(List.of(alice, bob));
        for (int i = 0; i < 6; i++) {
            students.add(person(course, CourseRole.STUDENT, "2026" + digits()));
        }
        OpenCode code = attendance.openCode(course, s, ta);
        clock.set(code.expiresAt()); // valid up to, not including, its end
        List<Object> outcomes = enterAtOnce(students, 2, code.code());
        assertThat(outcomes).hasSize(16).allMatch(o -> o.equals("attendance.checkIn.error.expired"));
        assertThat(count("select count(*) from check_in where session_id = ?1", s)).isZero();
        assertThat(count("select count(*) from attendance_mark where session_id = ?1", s)).isZero();
        // a millisecond earlier all of them would have been in
        clock.set(code.expiresAt().minusMillis(1));
        assertThat(enterAtOnce(students, 1, code.code())).hasSize(8).allMatch(o -> o instanceof CheckInResult);
    }

    // --- access ------------------------------------------------------------------------------------------------------

    @Test
    void staff_students_and_outsiders_get_what_their_role_allows_and_ids_of_other_courses_reach_nothing() {
        long s = attendance.addSession(course, "Live class", LocalDateTime.parse("2026-11-24T12:00"), ta);
        attendance.setMark(course, s, alice.id(), Status.PRESENT, 0, ta);
        long other = courses.create("att-" + unique(), "Elsewhere", "2026 Fall", SignedInUser.system());
        SignedInUser outsider = person(other, CourseRole.STUDENT, "2026" + digits());
        SignedInUser otherTa = person(other, CourseRole.TA, null);
        long foreign = attendance.addSession(other, "Theirs", LocalDateTime.parse("2026-11-24T12:00"), otherTa);

        // students: their own record and the rule; nothing of staff's, nobody else's record
        assertThat(attendance.myRecord(course, alice).lines()).hasSize(1);
        assertThat(attendance.record(course, alice.id(), alice).name()).isEqualTo(alice.displayName());
        refused(() -> attendance.record(course, alice.id(), bob), "attendance.error.studentNotFound");
        refused(() -> attendance.sheet(course, bob), "access.staffOnly");
        refused(() -> attendance.history(course, s, alice.id(), alice), "access.staffOnly");
        refused(() -> attendance.setMark(course, s, alice.id(), Status.ABSENT, 1, alice), "access.staffOnly");
        refused(() -> attendance.markAllPresent(course, s, bob), "access.staffOnly");
        refused(() -> attendance.addSession(course, "Mine", LocalDateTime.parse("2026-11-24T12:00"), bob),
                "access.staffOnly");
        refused(() -> attendance.cancelSession(course, s, true, bob), "access.staffOnly");
        refused(() -> attendance.openCode(course, s, bob), "access.staffOnly");
        refused(() -> attendance.closeCode(course, s, bob), "access.staffOnly");
        refused(() -> attendance.currentCode(course, bob), "access.staffOnly");
        assertThat(attendance.rule(course, bob)).isEqualTo(AttendanceRule.DEFAULT);

        // staff: any student of the course, no staff member's or outsider's "record"
        assertThat(attendance.record(course, alice.id(), ta).lines().get(0).status()).contains(Status.PRESENT);
        refused(() -> attendance.record(course, ta2.id(), ta), "attendance.error.studentNotFound");
        refused(() -> attendance.record(course, outsider.id(), ta), "attendance.error.studentNotFound");
        refused(() -> attendance.myRecord(course, ta), "attendance.error.studentNotFound");
        refused(() -> attendance.setMark(course, s, outsider.id(), Status.PRESENT, 0, ta),
                "attendance.error.studentNotFound");
        refused(() -> attendance.setMark(course, s, ta2.id(), Status.PRESENT, 0, ta),
                "attendance.error.studentNotFound");
        // sessions of another course
        refused(() -> attendance.setMark(course, foreign, alice.id(), Status.PRESENT, 0, ta),
                "attendance.error.sessionNotFound");
        refused(() -> attendance.markAllPresent(course, foreign, ta), "attendance.error.sessionNotFound");
        refused(() -> attendance.openCode(course, foreign, ta), "attendance.error.sessionNotFound");
        refused(() -> attendance.cancelSession(course, foreign, true, ta), "attendance.error.sessionNotFound");
        refused(() -> attendance.history(course, foreign, alice.id(), ta), "attendance.error.sessionNotFound");
        // outsiders reach no course at all
        for (var call : List.<ThrowableAssert.ThrowingCallable>of(
                () -> attendance.sheet(course, outsider), () -> attendance.myRecord(course, outsider),
                () -> attendance.rule(course, outsider), () -> attendance.checkIn(course, "ACDEFG", outsider),
                () -> attendance.setMark(course, s, alice.id(), Status.ABSENT, 1, otherTa),
                () -> attendance.openCode(course, s, otherTa))) {
            refused(call, "course.error.notFound");
        }
        assertThat(cellOf(alice, s).status()).isEqualTo(Status.PRESENT);
        // an administrator who is no member is staff everywhere
        assertThat(attendance.sheet(course, SignedInUser.system()).rows()).hasSize(2);
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private List<Object> enterAtOnce(List<SignedInUser> students, int times, String code) throws Exception {
        int n = students.size() * times;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier start = new CyclicBarrier(n);
            List<Future<Object>> futures = new ArrayList<>();
            for (int t = 0; t < times; t++) {
                for (SignedInUser student : students) {
                    futures.add(pool.submit((Callable<Object>) () -> {
                        start.await(20, TimeUnit.SECONDS);
                        try {
                            return attendance.checkIn(course, code, student);
                        } catch (UserFacingException refusal) {
                            return refusal.messageKey();
                        }
                    }));
                }
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : futures) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private long lecture(int week, String date, String live, String title, boolean published) {
        long id = lectures.create(course, new LectureDraft(week, LocalDate.parse(date), title, "", "",
                LocalDateTime.parse(live), "", 0), instructor);
        if (published) {
            lectures.setPublished(course, id, true, instructor);
        }
        return id;
    }

    private void mark(long session, SignedInUser student, Status status) {
        attendance.setMark(course, session, student.id(), status, 0, ta);
    }

    private SessionView session(long id) {
        return attendance.sheet(course, ta).sessions().stream().filter(s -> s.id() == id).findFirst().orElseThrow();
    }

    private SheetRow row(SignedInUser student) {
        return attendance.sheet(course, ta).rows().stream().filter(r -> r.userId() == student.id()).findFirst()
                .orElseThrow();
    }

    private Cell cellOf(SignedInUser student, long session) {
        return Optional.ofNullable(row(student).cells().get(session)).orElseThrow();
    }

    private long count(String sql, long session) {
        return ((Number) io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery(sql).setParameter(1, session).getSingleResult())).longValue();
    }

    private static AttendanceRule with(AttendanceRule rule, String late, String absent) {
        return new AttendanceRule(new BigDecimal(late), new BigDecimal(absent), rule.codeMinutes(),
                rule.graceMinutes(), rule.version());
    }

    private static void assertScore(AttendanceGrades.Score score, String earned, String possible) {
        assertThat(score.earned()).as("earned").isEqualByComparingTo(earned);
        assertThat(score.possible()).as("possible").isEqualByComparingTo(possible);
    }

    private SignedInUser person(long courseId, CourseRole role, String studentNumber) {
        String name = "u" + unique();
        var account = courses.addMember(courseId, new NewMember(name, role.name() + " " + name, null, studentNumber,
                role), SignedInUser.system()).orElseThrow();
        return SignedInUser.of(users.find(account.userId()).orElseThrow());
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo(key);
    }

    private static void refusedWith(ThrowableAssert.ThrowingCallable call, String key, Object... arguments) {
        assertThatThrownBy(call).isInstanceOf(UserFacingException.class)
                .satisfies(e -> assertThat(((UserFacingException) e).messageKey()).isEqualTo(key))
                .satisfies(e -> assertThat(((UserFacingException) e).arguments()).containsExactly(arguments));
    }

    private static Instant seoul(String local) {
        return LocalDateTime.parse(local).atZone(SEOUL).toInstant();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String digits() {
        return Long.toString(Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L) + 100_000_000L)
                .substring(1);
    }

    /** A clock the test moves by hand; every thread of the application reads it. */
}
