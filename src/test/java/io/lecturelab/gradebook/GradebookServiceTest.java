package io.lecturelab.gradebook;

import io.lecturelab.attendance.AttendanceService;
import io.lecturelab.attendance.Status;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.CourseSettings;
import io.lecturelab.course.GradingPolicy;
import io.lecturelab.course.NewMember;
import io.lecturelab.coursework.AssignmentDraft;
import io.lecturelab.coursework.AssignmentKind;
import io.lecturelab.coursework.AssignmentService;
import io.lecturelab.coursework.GradeForm;
import io.lecturelab.coursework.GradingService;
import io.lecturelab.coursework.Owner;
import io.lecturelab.coursework.Rubric;
import io.lecturelab.coursework.SubmissionService;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import io.lecturelab.testsupport.HandClock;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.ArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The gradebook against the real PostgreSQL: layout, coursework grades flowing in, entry, history, access, import. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class GradebookServiceTest {

    @Inject
    GradebookService gradebook;

    @Inject
    CourseService courses;

    @Inject
    UserService users;

    @Inject
    AssignmentService assignments;

    @Inject
    GradingService grading;

    @Inject
    SubmissionService submissions;

    @Inject
    AttendanceService attendance;

    @Inject
    EntityManager entityManager;

    private final HandClock clock = new HandClock(Instant.now());
    private long course;
    private SignedInUser instructor;
    private SignedInUser ta;
    private SignedInUser alice;
    private SignedInUser bob;
    private String aliceNumber;
    private String bobNumber;

    @BeforeEach
    void course() {
        clock.set(Instant.now());
        QuarkusMock.installMockForType(clock, Clock.class);
        course = courses.create("gb-" + unique(), "Deep learning", "2026 Fall", SignedInUser.system());
        instructor = person(course, CourseRole.INSTRUCTOR, null);
        ta = person(course, CourseRole.TA, null);
        aliceNumber = "2026" + digits();
        bobNumber = "2026" + digits();
        alice = person(course, CourseRole.STUDENT, aliceNumber);
        bob = person(course, CourseRole.STUDENT, bobNumber);
    }

    // --- layout -------------------------------------------------------------------------------------------------------

    @Test
    void a_new_course_has_no_categories_and_the_sample_course_starts_with_its_policy() {
        GradebookLayout fresh = gradebook.layout(course, instructor);
        assertThat(fresh.categories()).isEmpty();
        assertThat(gradebook.myRecord(course, alice).standing().total()).isEmpty();

        long sample = courses.findIdBySlug("deep-learning").orElseThrow();
        GradebookLayout layout = gradebook.layout(sample, SignedInUser.system());
        assertThat(layout.categories()).extracting(GradebookLayout.CategoryView::name, c -> c.weight().intValue())
                .containsExactly(tuple("Attendance", 10), tuple("Midterm", 30), tuple("Final exam", 30),
                        tuple("Homework", 30));
        assertThat(layout.weightSum()).isEqualByComparingTo("100");
        assertThat(layout.categories().get(0).items()).extracting(GradebookLayout.ItemView::source)
                .containsExactly(ItemSource.ATTENDANCE);
    }

    @Test
    void a_course_whose_instructor_entered_a_policy_starts_with_it_once() {
        CourseSettings s = courses.settings(course, instructor);
        courses.updateSettings(course, new CourseSettings(s.title(), s.term(), s.timeZone(), s.instructorName(),
                s.instructorEmail(), s.instructorPhone(), s.officeHours(), s.recordedLecture(), s.liveClass(),
                s.liveClassUrl(), Optional.of(GradingPolicy.SAMPLE), s.team(), s.overview(), s.resources(),
                s.version()), instructor);
        GradebookLayout layout = gradebook.layout(course, ta);
        assertThat(layout.categories()).hasSize(4);
        assertThat(layout.item(layout.categories().get(1).items().getFirst().id())).map(
                GradebookLayout.ItemView::title).contains("Midterm exam");
    }

    @Test
    void category_weights_must_add_up_to_100_and_are_never_rescaled() {
        GradebookLayout empty = gradebook.layout(course, instructor);
        refusedWith(() -> gradebook.saveCategories(course, List.of(cat("Exams", "60"), cat("Homework", "30")),
                empty.version(), instructor), "gradebook.error.weightSum", "90");
        refusedWith(() -> gradebook.saveCategories(course, List.of(cat("Exams", "60"), cat("Homework", "40.5")),
                empty.version(), instructor), "gradebook.error.weightSum", "100.5");
        refused(() -> gradebook.saveCategories(course, List.of(cat("Exams", "0"), cat("Homework", "100")),
                empty.version(), instructor), "gradebook.error.categoryWeight");
        refused(() -> gradebook.saveCategories(course, List.of(cat("Exams", "50"), cat("exams", "50")),
                empty.version(), instructor), "gradebook.error.categoryNameTwice");
        assertThat(gradebook.layout(course, instructor).categories()).isEmpty();

        GradebookLayout saved = gradebook.saveCategories(course, List.of(cat("Exams", "62.5"), cat("Homework",
                "37.5")), empty.version(), instructor);
        assertThat(saved.categories()).extracting(c -> c.weight().toPlainString()).containsExactly("62.50", "37.50");
        // someone who read the empty layout cannot overwrite it
        refused(() -> gradebook.saveCategories(course, List.of(cat("All", "100")), empty.version(), instructor),
                "gradebook.error.concurrentEdit");
        // swapping two names in one save works (the unique name index is not met half-way)
        long exams = saved.categories().get(0).id();
        long homework = saved.categories().get(1).id();
        GradebookLayout swapped = gradebook.saveCategories(course, List.of(
                new CategoryDraft(homework, "Exams", new BigDecimal("50")),
                new CategoryDraft(exams, "Homework", new BigDecimal("50"))), saved.version(), instructor);
        assertThat(swapped.categories()).extracting(GradebookLayout.CategoryView::id, GradebookLayout.CategoryView::name)
                .containsExactly(tuple(homework, "Exams"), tuple(exams, "Homework"));
    }

    @Test
    void only_instructors_lay_out_the_gradebook_and_a_category_with_items_stays() {
        GradebookLayout layout = twoCategories();
        long exams = layout.categories().get(0).id();
        refused(() -> gradebook.saveCategories(course, List.of(cat("All", "100")), layout.version(), ta),
                "access.instructorOnly");
        refused(() -> gradebook.saveCategories(course, List.of(cat("All", "100")), layout.version(), alice),
                "access.instructorOnly");
        refused(() -> gradebook.addItem(course, entered(exams, "Quiz", "10"), ta), "access.instructorOnly");
        refused(() -> gradebook.layout(course, alice), "access.staffOnly");

        GradebookLayout withItem = gradebook.addItem(course, entered(exams, "Midterm", "100"), instructor);
        refused(() -> gradebook.addItem(course, entered(exams, "midterm", "50"), instructor),
                "gradebook.error.itemTitleTaken");
        refused(() -> gradebook.saveCategories(course, List.of(new CategoryDraft(layout.categories().get(1).id(),
                "Homework", new BigDecimal("100"))), withItem.version(), instructor), "gradebook.error.categoryHasItems");
        assertThat(gradebook.layout(course, instructor).categories()).hasSize(2);
    }

    @Test
    void items_change_with_their_version_and_an_item_with_marks_stays() {
        long midterm = midterm();
        GradebookLayout layout = gradebook.layout(course, instructor);
        long homework = layout.categories().get(1).id();
        GradebookLayout.ItemView read = layout.item(midterm).orElseThrow();
        GradebookLayout moved = gradebook.updateItem(course, midterm, new ItemDraft(homework, "Midterm (written)",
                ItemSource.ENTERED, null, new BigDecimal("50"), new BigDecimal("2"), read.version()), instructor);
        assertThat(moved.categories().get(1).items()).extracting(GradebookLayout.ItemView::title,
                i -> i.maxPoints().toPlainString(), i -> i.weight().toPlainString())
                .containsExactly(tuple("Midterm (written)", "50.00", "2.00"));
        refused(() -> gradebook.updateItem(course, midterm, new ItemDraft(homework, "Stale", ItemSource.ENTERED, null,
                new BigDecimal("50"), BigDecimal.ONE, read.version()), instructor), "gradebook.error.concurrentEdit");
        refused(() -> gradebook.addItem(course, new ItemDraft(homework, "Quiz", ItemSource.ENTERED, null,
                BigDecimal.ZERO, BigDecimal.ONE, 0), instructor), "gradebook.error.itemMax");

        gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.of("40"), 0)), "", ta);
        refused(() -> gradebook.deleteItem(course, midterm, instructor), "gradebook.error.itemHasScores");
        refused(() -> gradebook.deleteItem(course, midterm, ta), "access.instructorOnly");
        GradebookSheet.Cell cell = cell(gradebook.sheet(course, ta), alice, midterm);
        gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.EMPTY, cell.version())),
                "Entered in the wrong item", ta);
        assertThat(gradebook.deleteItem(course, midterm, instructor).categories()).allSatisfy(c ->
                assertThat(c.items()).isEmpty());
    }

    @Test
    void an_assignment_of_another_course_cannot_become_an_item() {
        long exams = twoCategories().categories().get(0).id();
        long other = courses.create("gb-" + unique(), "Elsewhere", "2026 Fall", SignedInUser.system());
        SignedInUser otherInstructor = person(other, CourseRole.INSTRUCTOR, null);
        long foreign = assignments.create(other, new AssignmentDraft(AssignmentKind.HOMEWORK, "Foreign", "", 10,
                Instant.parse("2026-12-05T14:59:00Z"), Optional.empty(), 0, 7, Rubric.NONE, true, 0),
                otherInstructor);
        refused(() -> gradebook.addItem(course, new ItemDraft(exams, "", ItemSource.ASSIGNMENT, foreign, null,
                BigDecimal.ONE, 0), instructor), "assignment.error.notFound");
        long own = assignments.create(course, new AssignmentDraft(AssignmentKind.HOMEWORK, "Own", "", 10,
                Instant.parse("2026-12-05T14:59:00Z"), Optional.empty(), 0, 7, Rubric.NONE, true, 0), instructor);
        gradebook.addItem(course, new ItemDraft(exams, "", ItemSource.ASSIGNMENT, own, null, BigDecimal.ONE, 0),
                instructor);
        refused(() -> gradebook.addItem(course, new ItemDraft(exams, "Own again", ItemSource.ASSIGNMENT, own, null,
                BigDecimal.ONE, 0), instructor), "gradebook.error.assignmentTwice");
    }

    // --- scores -------------------------------------------------------------------------------------------------------

    @Test
    void staff_enter_scores_and_every_change_is_kept_with_its_reason() {
        long midterm = midterm();
        assertThat(gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.of("70"), 0),
                new CellEdit(midterm, bob.id(), Mark.of("85.5"), 0)), "", ta)).isEqualTo(2);
        GradebookSheet sheet = gradebook.sheet(course, instructor);
        GradebookSheet.Cell cell = cell(sheet, alice, midterm);
        assertThat(cell.mark()).isEqualTo(Mark.of("70"));

        // a correction needs a reason
        refused(() -> gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.of("75"),
                cell.version())), " ", instructor), "gradebook.error.reasonNeeded");
        gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.of("75"), cell.version())),
                "Question 3 was marked wrongly", instructor);
        // the same change from someone who read the old cell is refused, and nothing of its batch is saved
        refused(() -> gradebook.enterScores(course, List.of(new CellEdit(midterm, bob.id(), Mark.of("90"),
                cell(sheet, bob, midterm).version()), new CellEdit(midterm, alice.id(), Mark.of("80"),
                cell.version())), "Recount", ta), "gradebook.error.stale");
        assertThat(cell(gradebook.sheet(course, ta), bob, midterm).mark()).isEqualTo(Mark.of("85.5"));

        GradebookSheet.Cell now = cell(gradebook.sheet(course, ta), alice, midterm);
        gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.EXCUSED, now.version())),
                "Medical certificate", ta);
        List<ScoreHistoryEntry> history = gradebook.history(course, midterm, alice.id(), instructor);
        assertThat(history).extracting(ScoreHistoryEntry::before, ScoreHistoryEntry::after, ScoreHistoryEntry::reason,
                ScoreHistoryEntry::by).containsExactly(
                tuple(Mark.EMPTY, Mark.of("70"), "", ta.displayName()),
                tuple(Mark.of("70"), Mark.of("75"), "Question 3 was marked wrongly", instructor.displayName()),
                tuple(Mark.of("75"), Mark.EXCUSED, "Medical certificate", ta.displayName()));
        assertThat(history).allSatisfy(h -> assertThat(h.imported()).isFalse());
        assertThat(gradebook.myRecord(course, alice).itemsNotGradedYet()).isEmpty();
        assertThat(gradebook.myRecord(course, alice).standing().total()).isEmpty();
    }

    @Test
    void points_must_fit_the_item() {
        long midterm = midterm();
        refused(() -> gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.of("100.01"), 0)),
                "", ta), "gradebook.error.points");
        refused(() -> gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.of("-1"), 0)),
                "", ta), "gradebook.error.points");
        refused(() -> gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.of("1"), 0),
                new CellEdit(midterm, alice.id(), Mark.of("2"), 0)), "", ta), "gradebook.error.duplicateCell");
        refused(() -> gradebook.enterScores(course, List.of(new CellEdit(midterm, ta.id(), Mark.of("1"), 0)),
                "", ta), "gradebook.error.studentNotFound");
        assertThat(gradebook.history(course, midterm, alice.id(), ta)).isEmpty();
    }

    @Test
    void released_coursework_grades_flow_in_for_each_student_and_each_team_member() {
        GradebookLayout layout = twoCategories();
        long homework = layout.categories().get(1).id();
        long hw1 = assignments.create(course, new AssignmentDraft(AssignmentKind.HOMEWORK, "HW 1", "", 10,
                Instant.parse("2026-12-05T14:59:00Z"), Optional.empty(), 0, 7, Rubric.NONE, true, 0), instructor);
        long proposal = assignments.create(course, new AssignmentDraft(AssignmentKind.PROPOSAL, "Proposal", "", 20,
                Instant.parse("2026-12-05T14:59:00Z"), Optional.empty(), 0, 7, Rubric.NONE, true, 0), instructor);
        assertThat(gradebook.addAllAssignments(course, homework, instructor)).isEqualTo(2);
        assertThat(gradebook.addAllAssignments(course, homework, instructor)).isZero();
        GradebookLayout withWork = gradebook.layout(course, ta);
        long hwItem = itemOf(withWork, hw1);
        long proposalItem = itemOf(withWork, proposal);
        assertThat(withWork.item(proposalItem).orElseThrow().maxPoints()).isEqualByComparingTo("20");

        long team = team("Team A", alice, bob);
        grading.saveGrade(course, hw1, Owner.student(alice.id()), new GradeForm(new BigDecimal("8"), List.of(), "",
                0), ta);
        grading.saveGrade(course, proposal, Owner.team(team), new GradeForm(new BigDecimal("15"), List.of(), "",
                0), ta);
        // graded but not released: nothing shows yet
        assertThat(cell(gradebook.sheet(course, ta), alice, hwItem).mark()).isEqualTo(Mark.EMPTY);
        assertThat(gradebook.myRecord(course, alice).itemsNotGradedYet()).contains("HW 1", "Proposal");

        grading.release(course, hw1, ta);
        grading.release(course, proposal, ta);
        GradebookSheet sheet = gradebook.sheet(course, instructor);
        assertThat(cell(sheet, alice, hwItem).mark()).isEqualTo(Mark.of("8"));
        assertThat(cell(sheet, alice, hwItem).fromCoursework()).isTrue();
        assertThat(cell(sheet, alice, proposalItem).mark()).isEqualTo(Mark.of("15"));
        assertThat(cell(sheet, bob, proposalItem).mark()).isEqualTo(Mark.of("15"));
        assertThat(cell(sheet, bob, hwItem).mark()).isEqualTo(Mark.EMPTY);

        StudentRecord mine = gradebook.myRecord(course, alice);
        // homework: (80 + 75) / 2 = 77.5; exams not graded yet, left out
        assertThat(mine.standing().total()).contains(new BigDecimal("77.50"));
        assertThat(mine.standing().included()).containsExactly("Homework");
        assertThat(mine.standing().notGradedYet()).containsExactly("Exams");
        assertThat(mine.standing().includedWeight()).isEqualByComparingTo("50");

        // points of an assignment are changed on the assignment, not here; excusing is possible
        refused(() -> gradebook.enterScores(course, List.of(new CellEdit(hwItem, alice.id(), Mark.of("9"), 0)),
                "Regrade", ta), "gradebook.error.fromCoursework");
        gradebook.enterScores(course, List.of(new CellEdit(hwItem, alice.id(), Mark.EXCUSED, 0)), "Ill", ta);
        assertThat(gradebook.myRecord(course, alice).standing().total()).contains(new BigDecimal("75.00"));
    }

    @Test
    void attendance_points_follow_the_marks_and_the_rule_and_only_excusing_is_done_here() {
        long exams = twoCategories().categories().get(0).id();
        long item = gradebook.addItem(course, new ItemDraft(exams, "Attendance", ItemSource.ATTENDANCE, null,
                new BigDecimal("10"), BigDecimal.ONE, 0), instructor).categories().get(0).items().getFirst().id();
        assertThat(cell(gradebook.sheet(course, ta), alice, item).mark()).as("no session taken yet")
                .isEqualTo(Mark.EMPTY);

        long one = attendance.addSession(course, "One", LocalDateTime.parse("2026-11-02T12:00"), ta);
        long two = attendance.addSession(course, "Two", LocalDateTime.parse("2026-11-09T12:00"), ta);
        attendance.setMark(course, one, alice.id(), Status.PRESENT, 0, ta);
        attendance.setMark(course, one, bob.id(), Status.LATE, 0, ta);
        attendance.setMark(course, two, alice.id(), Status.ABSENT, 0, ta);
        attendance.setMark(course, two, bob.id(), Status.PRESENT, 0, ta);
        GradebookSheet sheet = gradebook.sheet(course, ta);
        // the course's rule: present 1, late ½, absent 0 — out of the item's 10 points
        assertThat(cell(sheet, alice, item).mark()).isEqualTo(Mark.of("5"));
        assertThat(cell(sheet, bob, item).mark()).isEqualTo(Mark.of("7.5"));
        assertThat(cell(sheet, bob, item).fromAttendance()).isTrue();

        long three = attendance.addSession(course, "Three", LocalDateTime.parse("2026-11-16T12:00"), ta);
        attendance.setMark(course, three, alice.id(), Status.PRESENT, 0, ta);
        attendance.setMark(course, three, bob.id(), Status.ABSENT, 0, ta);
        // 2 of 3 sessions: 6.666… points, kept half up to two decimals
        assertThat(line(gradebook.myRecord(course, alice), item).mark()).isEqualTo(Mark.of("6.67"));
        assertThat(line(gradebook.myRecord(course, bob), item).mark()).isEqualTo(Mark.of("5"));

        refused(() -> gradebook.enterScores(course, List.of(new CellEdit(item, alice.id(), Mark.of("10"), 0)),
                "Was there", ta), "gradebook.error.fromAttendance");
        gradebook.enterScores(course, List.of(new CellEdit(item, alice.id(), Mark.EXCUSED, 0)), "Exchange term", ta);
        assertThat(line(gradebook.myRecord(course, alice), item).mark()).isEqualTo(Mark.EXCUSED);
        assertThat(line(gradebook.myRecord(course, bob), item).mark()).isEqualTo(Mark.of("5"));
    }

    @Test
    void a_student_reads_only_their_own_record() {
        long midterm = midterm();
        gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.of("70"), 0),
                new CellEdit(midterm, bob.id(), Mark.of("90"), 0)), "", ta);
        StudentRecord mine = gradebook.myRecord(course, alice);
        assertThat(mine.userId()).isEqualTo(alice.id());
        assertThat(mine.categories().getFirst().items().getFirst().mark()).isEqualTo(Mark.of("70"));
        assertThat(mine.categories().getFirst().percent()).contains(new BigDecimal("70.00"));
        assertThat(mine.itemsNotGradedYet()).isEmpty();

        refused(() -> gradebook.record(course, bob.id(), alice), "gradebook.error.studentNotFound");
        refused(() -> gradebook.whatIf(course, bob.id(), midterm, new BigDecimal("80"), alice),
                "gradebook.error.studentNotFound");
        refused(() -> gradebook.sheet(course, alice), "access.staffOnly");
        refused(() -> gradebook.history(course, midterm, alice.id(), alice), "access.staffOnly");
        refused(() -> gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.of("100"), 1)),
                "mine", alice), "access.staffOnly");
        refused(() -> gradebook.previewImport(course, csv(aliceNumber + ",Midterm,100"), alice), "access.staffOnly");
        refused(() -> gradebook.applyImport(course, csv(aliceNumber + ",Midterm,100"), null, "x", alice),
                "access.staffOnly");
        // staff read any student's record, but staff have none of their own
        assertThat(gradebook.record(course, bob.id(), ta).standing().total()).contains(new BigDecimal("90.00"));
        refused(() -> gradebook.myRecord(course, ta), "gradebook.error.studentNotFound");
    }

    @Test
    void outsiders_and_other_courses_reach_nothing() {
        long midterm = midterm();
        long other = courses.create("gb-" + unique(), "Elsewhere", "2026 Fall", SignedInUser.system());
        SignedInUser otherInstructor = person(other, CourseRole.INSTRUCTOR, null);
        SignedInUser stranger = person(other, CourseRole.STUDENT, "2026" + digits());
        for (SignedInUser who : List.of(otherInstructor, stranger)) {
            refused(() -> gradebook.sheet(course, who), "course.error.notFound");
            refused(() -> gradebook.myRecord(course, who), "course.error.notFound");
            refused(() -> gradebook.record(course, alice.id(), who), "course.error.notFound");
            refused(() -> gradebook.history(course, midterm, alice.id(), who), "course.error.notFound");
        }
        // the other course's staff cannot reach this course's item or students through their own course
        refused(() -> gradebook.enterScores(other, List.of(new CellEdit(midterm, alice.id(), Mark.of("1"), 0)),
                "", otherInstructor), "gradebook.error.itemNotFound");
        refused(() -> gradebook.history(other, midterm, alice.id(), otherInstructor), "gradebook.error.itemNotFound");
        refused(() -> gradebook.record(other, alice.id(), otherInstructor), "gradebook.error.studentNotFound");
        refused(() -> gradebook.deleteItem(other, midterm, otherInstructor), "gradebook.error.itemNotFound");
    }

    @Test
    void what_if_tells_a_student_what_the_final_needs() {
        GradebookLayout layout = twoCategories();
        long exams = layout.categories().get(0).id();
        long homework = layout.categories().get(1).id();
        gradebook.addItem(course, entered(homework, "Homework total", "100"), instructor);
        GradebookLayout items = gradebook.addItem(course, entered(exams, "Final", "100"), instructor);
        long hw = items.categories().get(1).items().getFirst().id();
        long fin = items.categories().get(0).items().getFirst().id();
        gradebook.enterScores(course, List.of(new CellEdit(hw, alice.id(), Mark.of("60"), 0)), "", ta);
        // 0.5 * 60 + 0.5 x ≥ 75 → x = 90
        WeightedTotal.WhatIf w = gradebook.whatIf(course, alice.id(), fin, new BigDecimal("75"), alice);
        assertThat(w.outcome()).isEqualTo(WeightedTotal.Outcome.NEEDS);
        assertThat(w.points()).contains(new BigDecimal("90.00"));
        assertThat(gradebook.whatIf(course, alice.id(), fin, new BigDecimal("81"), alice).outcome())
                .isEqualTo(WeightedTotal.Outcome.NOT_REACHABLE);
        refused(() -> gradebook.whatIf(course, alice.id(), fin, new BigDecimal("101"), alice),
                "gradebook.error.target");
    }

    @Test
    void two_editors_filling_the_same_empty_cell_at_once_one_wins_and_the_other_is_told() throws Exception {
        long midterm = midterm();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (SignedInUser editor : List.of(instructor, ta)) {
                String points = editor == ta ? "60" : "61";
                outcomes.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.of(points), 0)),
                                "", editor);
                        return "saved";
                    } catch (UserFacingException e) {
                        return e.messageKey();
                    }
                }));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(results).containsOnlyOnce("saved");
            assertThat(results).filteredOn(r -> !r.equals("saved")).singleElement()
                    .isIn("gradebook.error.staleAny", "gradebook.error.stale");
        } finally {
            pool.shutdownNow();
        }
        assertThat(gradebook.history(course, midterm, alice.id(), ta)).hasSize(1);
    }

    @Test
    void a_gradebook_opened_by_many_at_once_gets_its_policy_categories_once() throws Exception {
        CourseSettings s = courses.settings(course, instructor);
        courses.updateSettings(course, new CourseSettings(s.title(), s.term(), s.timeZone(), s.instructorName(),
                s.instructorEmail(), s.instructorPhone(), s.officeHours(), s.recordedLecture(), s.liveClass(),
                s.liveClassUrl(), Optional.of(GradingPolicy.SAMPLE), s.team(), s.overview(), s.resources(),
                s.version()), instructor);
        int readers = 4;
        CyclicBarrier start = new CyclicBarrier(readers);
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<Integer>> sizes = new ArrayList<>();
            for (int k = 0; k < readers; k++) {
                SignedInUser reader = k % 2 == 0 ? alice : bob;
                sizes.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return gradebook.myRecord(course, reader).categories().size();
                }));
            }
            for (Future<Integer> f : sizes) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(4);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(gradebook.layout(course, instructor).categories()).hasSize(4);
    }

    // --- CSV import ---------------------------------------------------------------------------------------------------

    @Test
    void an_import_previews_every_change_and_reports_bad_lines_by_number() {
        long midterm = midterm();
        gradebook.enterScores(course, List.of(new CellEdit(midterm, bob.id(), Mark.of("50"), 0)), "", ta);
        ImportPreview bad = gradebook.previewImport(course, csv("학번,item,points",
                aliceNumber + ",Midterm,70",
                "99999999,Midterm,70",
                aliceNumber + ",Quiz 9,1",
                bobNumber + ",midterm,101",
                aliceNumber + ",Midterm,71",
                bobNumber + ",Midterm,,maybe",
                "",
                bobNumber + ",Midterm,7,excused"), ta);
        assertThat(bad.changes()).isEmpty();
        assertThat(bad.problems()).extracting(ImportProblem::line, ImportProblem::messageKey).containsExactly(
                tuple(3L, "gradebook.import.student"),
                tuple(4L, "gradebook.import.item"),
                tuple(5L, "gradebook.import.points"),
                tuple(6L, "gradebook.import.duplicate"),
                tuple(7L, "gradebook.import.excusedValue"),
                tuple(9L, "gradebook.import.excusedWithPoints"));

        ImportPreview good = gradebook.previewImport(course, csv(aliceNumber + ",Midterm,70",
                bobNumber + ",Midterm,65.5"), ta);
        assertThat(good.problems()).isEmpty();
        assertThat(good.changes()).extracting(ImportPreview.Change::line, ImportPreview.Change::studentName,
                ImportPreview.Change::before, ImportPreview.Change::after).containsExactly(
                tuple(1L, alice.displayName(), Mark.EMPTY, Mark.of("70")),
                tuple(2L, bob.displayName(), Mark.of("50"), Mark.of("65.5")));
        assertThat(gradebook.sheet(course, ta).rows()).allSatisfy(r -> assertThat(r.cells().get(midterm).mark())
                .isNotEqualTo(Mark.of("70")));
    }

    @Test
    void an_import_applies_all_or_nothing_and_not_after_the_gradebook_changed() {
        long midterm = midterm();
        byte[] file = csv(aliceNumber + ",Midterm,70", bobNumber + ",Midterm,,excused");
        ImportPreview preview = gradebook.previewImport(course, file, ta);

        // a bad line: nothing at all is applied
        ImportResult refusedFile = gradebook.applyImport(course, csv(aliceNumber + ",Midterm,70",
                bobNumber + ",Midterm,700"), null, "Scanned sheets", ta);
        assertThat(refusedFile.applied()).isFalse();
        assertThat(cell(gradebook.sheet(course, ta), alice, midterm).mark()).isEqualTo(Mark.EMPTY);

        // someone entered a score after the preview: the file would now do something else
        gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.of("10"), 0)), "", instructor);
        ImportResult stale = gradebook.applyImport(course, file, preview, "Scanned sheets", ta);
        assertThat(stale.problems()).extracting(ImportProblem::messageKey).containsExactly("gradebook.import.changed");
        assertThat(cell(gradebook.sheet(course, ta), bob, midterm).mark()).isEqualTo(Mark.EMPTY);

        ImportPreview again = gradebook.previewImport(course, file, ta);
        ImportResult done = gradebook.applyImport(course, file, again, "Scanned sheets", ta);
        assertThat(done.applied()).isTrue();
        assertThat(done.changed()).isEqualTo(2);
        GradebookSheet sheet = gradebook.sheet(course, ta);
        assertThat(cell(sheet, alice, midterm).mark()).isEqualTo(Mark.of("70"));
        assertThat(cell(sheet, bob, midterm).mark()).isEqualTo(Mark.EXCUSED);
        assertThat(gradebook.history(course, midterm, bob.id(), ta)).singleElement()
                .satisfies(h -> assertThat(h.imported()).isTrue())
                .satisfies(h -> assertThat(h.reason()).isEqualTo("Scanned sheets"));
        // the same file again changes nothing
        assertThat(gradebook.previewImport(course, file, ta).unchanged()).isEqualTo(2);
    }


    // --- removed items and the layout history ---------------------------------------------------------------------

    @Test
    void a_removed_item_is_hidden_but_its_history_stays_readable_and_its_title_free() {
        long midterm = midterm();
        gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.of("40"), 0)), "", ta);
        GradebookSheet.Cell cell = cell(gradebook.sheet(course, ta), alice, midterm);
        gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.EMPTY, cell.version())),
                "Entered in the wrong item", ta);
        long exams = gradebook.layout(course, instructor).categories().get(0).id();

        gradebook.deleteItem(course, midterm, "Replaced by two quizzes", instructor);

        assertThat(gradebook.sheet(course, ta).layout().item(midterm)).isEmpty();
        assertThat(gradebook.myRecord(course, alice).categories().get(0).items()).isEmpty();
        assertThat(gradebook.removedItems(course, ta)).extracting(RemovedItem::id, RemovedItem::title)
                .containsExactly(tuple(midterm, "Midterm"));
        assertThat(gradebook.history(course, midterm, alice.id(), instructor)).extracting(ScoreHistoryEntry::after,
                ScoreHistoryEntry::reason).containsExactly(tuple(Mark.of("40"), ""),
                tuple(Mark.EMPTY, "Entered in the wrong item"));
        // a removed item takes no scores and cannot be removed or changed again
        refused(() -> gradebook.enterScores(course, List.of(new CellEdit(midterm, alice.id(), Mark.of("1"), 0)), "",
                ta), "gradebook.error.itemNotFound");
        refused(() -> gradebook.deleteItem(course, midterm, instructor), "gradebook.error.itemNotFound");
        // its title can be used again, and its category removed once nothing live is in it
        long again = gradebook.addItem(course, entered(exams, "Midterm", "50"), instructor).categories().get(0)
                .items().getFirst().id();
        assertThat(again).isNotEqualTo(midterm);
        gradebook.deleteItem(course, again, instructor);
        GradebookLayout layout = gradebook.layout(course, instructor);
        gradebook.saveCategories(course, List.of(new CategoryDraft(layout.categories().get(1).id(), "Homework",
                new BigDecimal("100"))), layout.version(), "Exams dropped", instructor);
        assertThat(gradebook.history(course, midterm, alice.id(), ta)).hasSize(2);
        refused(() -> gradebook.removedItems(course, alice), "access.staffOnly");
    }

    @Test
    void every_change_of_categories_and_items_is_kept_with_who_when_what_and_why() {
        GradebookLayout layout = gradebook.saveCategories(course, List.of(cat("Exams", "60"), cat("Homework", "40")),
                gradebook.layout(course, instructor).version(), "Syllabus", instructor);
        long exams = layout.categories().get(0).id();
        long homework = layout.categories().get(1).id();
        clock.advance(Duration.ofMinutes(5));
        layout = gradebook.saveCategories(course, List.of(new CategoryDraft(exams, "Exams", new BigDecimal("50")),
                new CategoryDraft(homework, "Homework", new BigDecimal("50"))), layout.version(),
                "Agreed with the class", instructor);
        long midterm = gradebook.addItem(course, entered(exams, "Midterm", "100"), instructor).categories().get(0)
                .items().getFirst().id();
        GradebookLayout.ItemView read = gradebook.layout(course, instructor).item(midterm).orElseThrow();
        gradebook.updateItem(course, midterm, new ItemDraft(exams, "Midterm", ItemSource.ENTERED, null,
                new BigDecimal("80"), new BigDecimal("2"), read.version()), "Question 5 dropped", instructor);
        gradebook.deleteItem(course, midterm, "Exam cancelled", instructor);

        List<LayoutChangeEntry> history = gradebook.layoutHistory(course, ta);
        assertThat(history).extracting(LayoutChangeEntry::subject, LayoutChangeEntry::action,
                LayoutChangeEntry::before, LayoutChangeEntry::after, LayoutChangeEntry::reason).containsExactly(
                tuple(LayoutChangeEntry.Subject.CATEGORY, LayoutChangeEntry.Action.ADD, "", "Exams · 60%",
                        "Syllabus"),
                tuple(LayoutChangeEntry.Subject.CATEGORY, LayoutChangeEntry.Action.ADD, "", "Homework · 40%",
                        "Syllabus"),
                tuple(LayoutChangeEntry.Subject.CATEGORY, LayoutChangeEntry.Action.CHANGE, "Exams · 60%",
                        "Exams · 50%", "Agreed with the class"),
                tuple(LayoutChangeEntry.Subject.CATEGORY, LayoutChangeEntry.Action.CHANGE, "Homework · 40%",
                        "Homework · 50%", "Agreed with the class"),
                tuple(LayoutChangeEntry.Subject.ITEM, LayoutChangeEntry.Action.ADD, "", "Midterm · Exams · /100 · ×1",
                        ""),
                tuple(LayoutChangeEntry.Subject.ITEM, LayoutChangeEntry.Action.CHANGE, "Midterm · Exams · /100 · ×1",
                        "Midterm · Exams · /80 · ×2", "Question 5 dropped"),
                tuple(LayoutChangeEntry.Subject.ITEM, LayoutChangeEntry.Action.REMOVE, "Midterm · Exams · /80 · ×2",
                        "", "Exam cancelled"));
        assertThat(history).allSatisfy(h -> assertThat(h.by()).isEqualTo(instructor.displayName()));
        assertThat(history.get(2).at()).isAfter(history.get(0).at());

        // a TA reads the history but cannot change the layout; a refused change leaves no trace
        int before = history.size();
        GradebookLayout now = gradebook.layout(course, ta);
        refused(() -> gradebook.saveCategories(course, List.of(cat("Everything", "100")), now.version(), "Simpler",
                ta), "access.instructorOnly");
        refused(() -> gradebook.addItem(course, entered(exams, "Quiz", "10"), ta), "access.instructorOnly");
        refused(() -> gradebook.addAllAssignments(course, homework, ta), "access.instructorOnly");
        refused(() -> gradebook.saveCategories(course, List.of(cat("Exams", "50"), cat("Homework", "40")),
                now.version(), "Typo", instructor), "gradebook.error.weightSum");
        refused(() -> gradebook.layoutHistory(course, alice), "access.staffOnly");
        assertThat(gradebook.layoutHistory(course, instructor)).hasSize(before);
    }

    // --- team grades ------------------------------------------------------------------------------------------------

    @Test
    void a_team_grade_goes_to_the_members_who_handed_the_work_in_not_to_todays_team() {
        long homework = twoCategories().categories().get(1).id();
        Instant due = Instant.parse("2030-06-01T14:59:00Z");
        long proposal = assignments.create(course, new AssignmentDraft(AssignmentKind.PROPOSAL, "Proposal", "", 20,
                due, Optional.empty(), 0, 7, Rubric.NONE, true, 0), instructor);
        long poster = assignments.create(course, new AssignmentDraft(AssignmentKind.PROPOSAL, "Poster", "", 10,
                due, Optional.empty(), 0, 7, Rubric.NONE, true, 0), instructor);
        gradebook.addAllAssignments(course, homework, instructor);
        GradebookLayout layout = gradebook.layout(course, ta);
        long proposalItem = itemOf(layout, proposal);
        long posterItem = itemOf(layout, poster);
        SignedInUser carol = person(course, CourseRole.STUDENT, "2026" + digits());

        long team = team("Team A", alice, bob);
        submissions.submitText(course, proposal, "# Our plan", alice);
        // bob leaves after the hand-in, carol joins
        moveOut(bob);
        joinTeam(team, carol);
        grading.saveGrade(course, proposal, Owner.team(team), new GradeForm(new BigDecimal("18"), List.of(), "", 0),
                ta);
        // graded with nothing handed in: the members when it was first graded (alice and carol)
        grading.saveGrade(course, poster, Owner.team(team), new GradeForm(new BigDecimal("7"), List.of(), "", 0),
                ta);
        moveOut(carol);
        grading.release(course, proposal, ta);
        grading.release(course, poster, ta);

        GradebookSheet sheet = gradebook.sheet(course, instructor);
        assertThat(cell(sheet, alice, proposalItem).mark()).isEqualTo(Mark.of("18"));
        assertThat(cell(sheet, bob, proposalItem).mark()).isEqualTo(Mark.of("18"));
        assertThat(cell(sheet, carol, proposalItem).mark()).isEqualTo(Mark.EMPTY);
        assertThat(cell(sheet, alice, posterItem).mark()).isEqualTo(Mark.of("7"));
        assertThat(cell(sheet, carol, posterItem).mark()).isEqualTo(Mark.of("7"));
        assertThat(cell(sheet, bob, posterItem).mark()).isEqualTo(Mark.EMPTY);
        // each student reads the same in their own record, and only their own
        assertThat(line(gradebook.myRecord(course, bob), proposalItem).mark()).isEqualTo(Mark.of("18"));
        assertThat(line(gradebook.myRecord(course, bob), posterItem).mark()).isEqualTo(Mark.EMPTY);
        assertThat(line(gradebook.myRecord(course, carol), proposalItem).mark()).isEqualTo(Mark.EMPTY);
        assertThat(line(gradebook.myRecord(course, carol), posterItem).mark()).isEqualTo(Mark.of("7"));
        refused(() -> gradebook.record(course, alice.id(), carol), "gradebook.error.studentNotFound");
    }

    @Test
    void released_grades_take_off_the_late_penalty_that_holds_now_for_the_whole_course_at_once() {
        long homework = twoCategories().categories().get(1).id();
        Instant due = Instant.parse("2030-06-01T14:59:00Z");
        long hw1 = assignments.create(course, new AssignmentDraft(AssignmentKind.HOMEWORK, "HW 1", "", 10, due,
                Optional.empty(), 10, 7, Rubric.NONE, true, 0), instructor);
        long hw2 = assignments.create(course, new AssignmentDraft(AssignmentKind.HOMEWORK, "HW 2", "", 10, due,
                Optional.empty(), 0, 7, Rubric.NONE, false, 0), instructor);
        gradebook.addAllAssignments(course, homework, instructor);
        GradebookLayout layout = gradebook.layout(course, ta);
        clock.set(due.minus(Duration.ofHours(1)));
        submissions.submit(course, hw1, new io.lecturelab.coursework.HandIn("https://colab.research.google.com/drive/alice", List.of(),
                Optional.empty()), alice);
        clock.set(due.plus(Duration.ofHours(36))); // two started days late: 20 % off
        submissions.submit(course, hw1, new io.lecturelab.coursework.HandIn("https://colab.research.google.com/drive/bob", List.of(),
                Optional.empty()), bob);
        clock.set(due.plus(Duration.ofDays(5)));
        for (SignedInUser s : List.of(alice, bob)) {
            grading.saveGrade(course, hw1, Owner.student(s.id()), new GradeForm(new BigDecimal("9"), List.of(), "",
                    0), ta);
            grading.saveGrade(course, hw2, Owner.student(s.id()), new GradeForm(new BigDecimal("5"), List.of(), "",
                    0), ta);
        }
        grading.release(course, hw1, ta);
        grading.release(course, hw2, ta);

        GradebookSheet sheet = gradebook.sheet(course, ta);
        assertThat(cell(sheet, alice, itemOf(layout, hw1)).mark()).isEqualTo(Mark.of("9"));
        assertThat(cell(sheet, bob, itemOf(layout, hw1)).mark()).isEqualTo(Mark.of("7.2"));
        assertThat(cell(sheet, bob, itemOf(layout, hw2)).mark()).isEqualTo(Mark.of("5"));
        // an unpublished assignment's grade is not the student's to see yet
        assertThat(gradebook.myRecord(course, bob).categories().get(1).items()).extracting(StudentRecord.Line::title)
                .containsExactly("HW 1");

        // an extension granted afterwards forgives the penalty at once
        assignments.grantExtension(course, hw1, Owner.student(bob.id()), due.plus(Duration.ofDays(2)),
                Optional.empty(), "Ill", ta);
        assertThat(line(gradebook.myRecord(course, bob), itemOf(layout, hw1)).mark()).isEqualTo(Mark.of("9"));
        assertThat(line(gradebook.myRecord(course, alice), itemOf(layout, hw1)).mark()).isEqualTo(Mark.of("9"));
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    private GradebookLayout twoCategories() {
        return gradebook.saveCategories(course, List.of(cat("Exams", "50"), cat("Homework", "50")),
                gradebook.layout(course, instructor).version(), instructor);
    }

    /** Exams 50 (with "Midterm" out of 100) and Homework 50; returns the midterm's id. */
    private long midterm() {
        GradebookLayout layout = twoCategories();
        return gradebook.addItem(course, entered(layout.categories().get(0).id(), "Midterm", "100"), instructor)
                .categories().get(0).items().getFirst().id();
    }

    private static long itemOf(GradebookLayout layout, long assignmentId) {
        return layout.categories().stream().flatMap(c -> c.items().stream())
                .filter(i -> i.assignmentId().filter(a -> a == assignmentId).isPresent()).findFirst().orElseThrow()
                .id();
    }

    private static GradebookSheet.Cell cell(GradebookSheet sheet, SignedInUser student, long itemId) {
        return sheet.rows().stream().filter(r -> r.userId() == student.id()).findFirst().orElseThrow().cells()
                .get(itemId);
    }

    private static CategoryDraft cat(String name, String weight) {
        return new CategoryDraft(null, name, new BigDecimal(weight));
    }

    private static ItemDraft entered(long categoryId, String title, String max) {
        return new ItemDraft(categoryId, title, ItemSource.ENTERED, null, new BigDecimal(max), BigDecimal.ONE, 0);
    }

    private static byte[] csv(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private long team(String name, SignedInUser... members) {
        return QuarkusTransaction.requiringNew().call(() -> {
            String code = unique();
            entityManager.createNativeQuery("insert into team (course_id, name, join_code) values (?1, ?2, ?3)")
                    .setParameter(1, course).setParameter(2, name).setParameter(3, code).executeUpdate();
            long id = ((Number) entityManager.createNativeQuery("select id from team where join_code = ?1")
                    .setParameter(1, code).getSingleResult()).longValue();
            for (SignedInUser member : members) {
                entityManager.createNativeQuery("insert into team_member (course_id, user_id, team_id) "
                        + "values (?1, ?2, ?3)").setParameter(1, course).setParameter(2, member.id())
                        .setParameter(3, id).executeUpdate();
            }
            return id;
        });
    }

    private void moveOut(SignedInUser member) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "delete from team_member where course_id = ?1 and user_id = ?2").setParameter(1, course)
                .setParameter(2, member.id()).executeUpdate());
    }

    private void joinTeam(long team, SignedInUser member) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "insert into team_member (course_id, user_id, team_id) values (?1, ?2, ?3)").setParameter(1, course)
                .setParameter(2, member.id()).setParameter(3, team).executeUpdate());
    }

    private static StudentRecord.Line line(StudentRecord record, long itemId) {
        return record.categories().stream().flatMap(p -> p.items().stream()).filter(l -> l.itemId() == itemId)
                .findFirst().orElseThrow();
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

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String digits() {
        return Long.toString(Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L) + 100_000_000L)
                .substring(1);
    }
}
