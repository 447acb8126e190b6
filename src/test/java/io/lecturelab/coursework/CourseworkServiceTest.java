package io.lecturelab.coursework;

import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.base.ReceivedFile;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.NewMember;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import io.lecturelab.testsupport.HandClock;
import io.lecturelab.testsupport.GeneratedPdf;
import io.lecturelab.testsupport.PostgresResource;
import io.lecturelab.testsupport.UploadFolder;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Assignments, hand-ins, deadlines, grading and team work against the real PostgreSQL, with the application's clock
 * in the test's hand.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class CourseworkServiceTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final byte[] PDF = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOTEBOOK = """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
             "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Homework 1"]},
                       {"cell_type": "code", "metadata": {}, "execution_count": 1, "outputs": [],
                        "source": ["print('안녕')"]}]}
            """.getBytes(StandardCharsets.UTF_8);
    private static final String COLAB = "https://colab.research.google.com/drive/abc";
    /** Due Saturday 2026-12-05 23:59 in Seoul. */
    private static final Instant DUE = seoul("2026-12-05T23:59");

    @Inject
    AssignmentService assignments;

    @Inject
    SubmissionService submissions;

    @Inject
    GradingService grading;

    @Inject
    CourseService courses;

    @Inject
    UserService users;

    @Inject
    LectureLabConfig config;

    @Inject
    io.lecturelab.base.Uploads uploads;

    @Inject
    EntityManager entityManager;

    private final HandClock clock = new HandClock(seoul("2026-12-01T09:00"));
    private long course;
    private SignedInUser instructor;
    private SignedInUser ta;
    private SignedInUser alice;
    private SignedInUser bob;

    @BeforeEach
    void course() {
        QuarkusMock.installMockForType(clock, Clock.class);
        course = courses.create("cw-" + unique(), "Deep learning", "2026 Fall", SignedInUser.system());
        instructor = person(course, CourseRole.INSTRUCTOR, null);
        ta = person(course, CourseRole.TA, null);
        alice = person(course, CourseRole.STUDENT, "2026" + digits());
        bob = person(course, CourseRole.STUDENT, "2026" + digits());
    }

    // --- assignments -----------------------------------------------------------------------------------------------

    @Test
    void staff_write_assignments_students_see_only_published_ones_and_cannot_write() {
        long shown = assignments.create(course, homework("HW 1", DUE, null, 0, true), ta);
        long hidden = assignments.create(course, homework("HW 2 (draft)", DUE.plus(Duration.ofDays(7)), null, 0,
                false), instructor);

        assertThat(assignments.list(course, alice)).extracting(AssignmentSummary::title).containsExactly("HW 1");
        assertThat(assignments.list(course, ta)).extracting(AssignmentSummary::title)
                .containsExactly("HW 1", "HW 2 (draft)");
        refused(() -> assignments.assignment(course, hidden, alice), "assignment.error.notFound");
        refused(() -> submissions.submit(course, hidden, new HandIn(COLAB, List.of(), Optional.empty()), alice),
                "assignment.error.notFound");
        AssignmentDetails details = assignments.assignment(course, shown, alice);
        assertThat(details.deadline().due()).isEqualTo(DUE);
        assertThat(details.courseZone()).isEqualTo(SEOUL);
        assertThat(details.staff()).isFalse();

        refused(() -> assignments.create(course, homework("Mine", DUE, null, 0, true), alice), "access.staffOnly");
        refused(() -> assignments.update(course, shown, homework("Taken", DUE, null, 0, true), alice),
                "access.staffOnly");
        refused(() -> assignments.delete(course, shown, ta), "access.instructorOnly");
        refused(() -> assignments.grantExtension(course, shown, Owner.student(alice.id()), DUE.plusSeconds(3600),
                Optional.empty(), "", alice), "access.staffOnly");
        assertThat(assignments.assignment(course, shown, instructor).title()).isEqualTo("HW 1");
    }

    @Test
    void a_stale_assignment_edit_is_refused_and_the_newer_one_is_kept() {
        long id = assignments.create(course, homework("HW 1", DUE, null, 0, true), instructor);
        AssignmentDraft read = assignments.assignment(course, id, ta).draft();
        assertThat(read.version()).isZero();

        AssignmentDetails saved = assignments.update(course, id, edit(read, "HW 1 (fixed typo)"), instructor);
        assertThat(saved.draft().version()).isEqualTo(read.version() + 1);
        refused(() -> assignments.update(course, id, edit(read, "HW 1 (other editor)"), ta),
                "assignment.error.concurrentEdit");

        assertThat(assignments.assignment(course, id, alice).title()).isEqualTo("HW 1 (fixed typo)");
        assignments.update(course, id, edit(saved.draft(), "HW 1 (second edit)"), ta);
        assertThat(assignments.assignment(course, id, alice).title()).isEqualTo("HW 1 (second edit)");
    }

    @Test
    void ids_of_another_course_reach_nothing_and_outsiders_reach_no_course() throws IOException {
        long own = assignments.create(course, homework("Own", DUE, null, 0, true), instructor);
        long other = courses.create("cw-" + unique(), "Elsewhere", "2026 Fall", SignedInUser.system());
        SignedInUser otherInstructor = person(other, CourseRole.INSTRUCTOR, null);
        SignedInUser otherStudent = person(other, CourseRole.STUDENT, "2026" + digits());
        long foreign = assignments.create(other, homework("Foreign", DUE, null, 0, true), otherInstructor);
        Receipt foreignWork = submissions.submit(other, foreign, handIn(COLAB), otherStudent);
        long foreignFile = submitFiles(other, foreign, otherStudent, file("x.pdf", PDF)).files().get(0).id();

        for (SignedInUser who : List.of(instructor, ta, alice)) {
            refused(() -> assignments.assignment(course, foreign, who), "assignment.error.notFound");
            refused(() -> submissions.versions(course, foreign, who), "assignment.error.notFound");
            refused(() -> submissions.file(course, foreignFile, who), "assignment.error.notFound");
            refused(() -> assignments.assignment(other, own, who), "course.error.notFound");
            refused(() -> assignments.list(other, who), "course.error.notFound");
            refused(() -> submissions.file(other, foreignFile, who), "course.error.notFound");
            refused(() -> grading.myWork(other, foreign, who), "course.error.notFound");
        }
        refused(() -> submissions.submit(course, foreign, handIn(COLAB), alice), "assignment.error.notFound");
        refused(() -> grading.overview(course, foreign, instructor), "assignment.error.notFound");
        refused(() -> grading.work(course, foreign, foreignWork.owner(), instructor), "assignment.error.notFound");
        refused(() -> assignments.update(course, foreign, homework("Taken", DUE, null, 0, true), instructor),
                "assignment.error.notFound");
        refused(() -> grading.overview(other, foreign, instructor), "course.error.notFound");
        refused(() -> grading.saveGrade(course, foreign, foreignWork.owner(),
                new GradeForm(BigDecimal.ONE, List.of(), "", 0), instructor), "assignment.error.notFound");
        // a staff member of this course cannot grade a student of another course here
        refused(() -> grading.saveGrade(course, own, foreignWork.owner(),
                new GradeForm(BigDecimal.ONE, List.of(), "", 0), instructor), "assignment.error.ownerNotFound");

        // someone with an account but no membership
        SignedInUser outsider = person(other, CourseRole.STUDENT, "2026" + digits());
        refused(() -> assignments.list(course, outsider), "course.error.notFound");
        refused(() -> submissions.submit(course, own, handIn(COLAB), outsider), "course.error.notFound");
        refused(() -> submissions.stage(course, own, "a.pdf", new ByteArrayInputStream(PDF), outsider),
                "course.error.notFound");
    }

    // --- handing in homework -----------------------------------------------------------------------------------------

    @Test
    void every_hand_in_is_a_new_version_and_earlier_versions_keep_their_bytes_and_checksums() throws IOException {
        long hw = assignments.create(course, homework("HW 1", DUE, null, 0, true), instructor);
        Set<Path> tempBefore = uploadTempFiles();

        StagedFile notebook = submissions.stage(course, hw, "hw1.ipynb", new ByteArrayInputStream(NOTEBOOK), alice);
        StagedFile report = submissions.stage(course, hw, "report.pdf", new ByteArrayInputStream(PDF), alice);
        assertThat(notebook.size()).isEqualTo(NOTEBOOK.length);
        assertThat(notebook.sha256()).isEqualTo(sha256(NOTEBOOK));
        Receipt first = submissions.submit(course, hw, new HandIn(" " + COLAB + " ",
                List.of(notebook.token(), report.token()), Optional.empty()), alice);

        assertThat(first.version()).isEqualTo(1);
        assertThat(first.owner()).isEqualTo(Owner.student(alice.id()));
        assertThat(first.link()).isEqualTo(COLAB);
        assertThat(first.late()).isFalse();
        assertThat(first.daysLate()).isZero();
        assertThat(first.submittedAt()).isEqualTo(clock.instant());
        assertThat(first.files()).extracting(ReceiptFile::name, ReceiptFile::contentType, ReceiptFile::size,
                        ReceiptFile::sha256)
                .containsExactly(
                        tuple("hw1.ipynb", "application/x-ipynb+json",
                                (long) NOTEBOOK.length, sha256(NOTEBOOK)),
                        tuple("report.pdf", "application/pdf", (long) PDF.length,
                                sha256(PDF)));
        // the temporary files went with the committed version
        assertThat(uploadTempFiles()).isEqualTo(tempBefore);
        // a staged file is used once
        refused(() -> submissions.submit(course, hw, new HandIn("", List.of(notebook.token()), Optional.empty()),
                alice), "submission.error.stagedGone");

        byte[] changed = new String(NOTEBOOK, StandardCharsets.UTF_8).replace("Homework 1", "Homework 1, fixed")
                .getBytes(StandardCharsets.UTF_8);
        clock.advance(Duration.ofHours(1));
        Receipt second = submitFiles(course, hw, alice, file("hw1.ipynb", changed));

        assertThat(second.version()).isEqualTo(2);
        assertThat(second.link()).isEmpty();
        assertThat(second.files()).singleElement().satisfies(f -> assertThat(f.sha256()).isEqualTo(sha256(changed)));
        List<Receipt> versions = submissions.versions(course, hw, alice);
        assertThat(versions).extracting(Receipt::version).containsExactly(2, 1);
        assertThat(versions.get(1)).isEqualTo(first);
        assertThat(read(course, first.files().get(0).id(), alice)).isEqualTo(NOTEBOOK);
        assertThat(read(course, first.files().get(1).id(), alice)).isEqualTo(PDF);
        assertThat(read(course, second.files().get(0).id(), ta)).isEqualTo(changed);
        SubmittedFile download = submissions.file(course, first.files().get(0).id(), instructor);
        try (InputStream in = download.content()) {
            assertThat(download.name()).isEqualTo("hw1.ipynb");
            assertThat(download.sha256()).isEqualTo(sha256(in.readAllBytes()));
        }

        // nobody else sees them
        assertThat(submissions.versions(course, hw, bob)).isEmpty();
        refused(() -> submissions.file(course, first.files().get(0).id(), bob), "submission.error.notFound");
        refused(() -> grading.work(course, hw, Owner.student(alice.id()), bob), "submission.error.notFound");
        assertThat(uploadTempFiles()).isEqualTo(tempBefore);
    }

    @Test
    void a_file_whose_contents_are_not_what_its_name_says_is_refused_and_leaves_nothing() {
        long hw = assignments.create(course, homework("HW 1", DUE, null, 0, true), instructor);
        Set<Path> tempBefore = uploadTempFiles();

        refused(() -> stage(hw, "report.pdf", "This is only text".getBytes(StandardCharsets.UTF_8), alice),
                "upload.error.notPdf");
        refused(() -> stage(hw, "hw1.ipynb", "print('not a notebook')".getBytes(StandardCharsets.UTF_8), alice),
                "upload.error.contentMismatch");
        refused(() -> stage(hw, "hw1.ipynb", "{\"cells\": 5}".getBytes(StandardCharsets.UTF_8), alice),
                "upload.error.contentMismatch");
        refused(() -> stage(hw, "hw1.ipynb", PDF, alice), "upload.error.contentMismatch");
        refused(() -> stage(hw, "code.zip", PDF, alice), "upload.error.contentMismatch");
        refused(() -> stage(hw, "train.py", new byte[] {'a', 0, 'b'}, alice),
                "upload.error.contentMismatch");
        refused(() -> stage(hw, "virus.exe", PDF, alice), "submission.error.fileType");
        refused(() -> stage(hw, "no-extension", PDF, alice), "submission.error.fileType");
        refused(() -> stage(hw, "empty.pdf", new byte[0], alice), "upload.error.empty");
        // staff do not hand in
        refused(() -> stage(hw, "report.pdf", PDF, ta), "submission.error.studentsOnly");
        refused(() -> submissions.submit(course, hw, handIn(COLAB), instructor), "submission.error.studentsOnly");

        assertThat(uploadTempFiles()).isEqualTo(tempBefore);
        assertThat(submissions.versions(course, hw, alice)).isEmpty();
    }

    @Test
    void a_file_one_byte_over_the_limit_is_refused_while_it_streams_and_leaves_no_temporary_file()
            throws IOException {
        long hw = assignments.create(course, homework("HW 1", DUE, null, 0, true), instructor);
        int max = submissions.maxFileBytes();
        assertThat(max).isEqualTo(config.coursework().maxFileBytes());
        Set<Path> tempBefore = uploadTempFiles();

        GeneratedPdf overLimit = GeneratedPdf.of(max + 10L * 1024 * 1024);
        refused(() -> submissions.stage(course, hw, "big.pdf", overLimit, alice), "submission.error.fileSize");
        assertThat(overLimit.count()).as("refused as the limit passed, not after reading everything")
                .isLessThanOrEqualTo(max + 64 * 1024L);
        refused(() -> submissions.stage(course, hw, "big.pdf", GeneratedPdf.of(max + 1L), alice),
                "submission.error.fileSize");
        assertThat(uploadTempFiles()).isEqualTo(tempBefore);

        StagedFile atLimit = submissions.stage(course, hw, "big.pdf", GeneratedPdf.of(max), alice);
        assertThat(atLimit.size()).isEqualTo(max);
        submissions.unstage(atLimit.token(), alice);
        assertThat(uploadTempFiles()).isEqualTo(tempBefore);
        assertThat(submissions.versions(course, hw, alice)).isEmpty();
    }

    @Test
    void an_upload_that_breaks_midway_leaves_no_version_and_no_temporary_file() {
        long hw = assignments.create(course, homework("HW 1", DUE, null, 0, true), instructor);
        Set<Path> tempBefore = uploadTempFiles();
        InputStream breaking = GeneratedPdf.breakingAfter(300 * 1024);

        assertThatThrownBy(() -> submissions.stage(course, hw, "report.pdf", breaking, alice))
                .isInstanceOf(IOException.class).hasMessage("connection reset");

        assertThat(uploadTempFiles()).isEqualTo(tempBefore);
        assertThat(submissions.versions(course, hw, alice)).isEmpty();
        assertThat(grading.overview(course, hw, ta)).filteredOn(r -> r.owner().equals(Owner.student(alice.id())))
                .singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("NOT_SUBMITTED"));
    }

    @Test
    void only_https_links_to_colab_github_repositories_and_gists_are_accepted() {
        long hw = assignments.create(course, homework("HW 1", DUE, null, 0, true), instructor);

        for (String bad : List.of("http://colab.research.google.com/drive/abc", "https://example.com/drive/abc",
                "https://github.com/", "https://github.com", "https://github.com/user",
                "https://colab.research.google.com", "https://github.com.evil.example/user/repo",
                "https://evil.example/github.com/user/repo", "https://user:pw@github.com/user/repo",
                "https://github.com:8443/user/repo", "javascript:alert(1)", "colab.research.google.com/drive/abc",
                "https://github.com/user/repo with space", "ftp://github.com/user/repo")) {
            refused(() -> submissions.submit(course, hw, handIn(bad), alice), "submission.error.link");
        }
        refused(() -> submissions.submit(course, hw, handIn("  "), alice), "submission.error.empty");
        assertThat(submissions.versions(course, hw, alice)).isEmpty();

        for (String good : List.of(COLAB, "https://github.com/user/repo", "https://gist.github.com/user/123",
                "https://github.com/user/repo/blob/main/hw1.ipynb")) {
            assertThat(submissions.submit(course, hw, handIn(good), alice).link()).isEqualTo(good);
        }
        assertThat(submissions.versions(course, hw, alice)).extracting(Receipt::version).containsExactly(4, 3, 2, 1);
    }

    @Test
    void files_staged_by_another_student_or_for_another_assignment_cannot_be_handed_in() throws IOException {
        long hw = assignments.create(course, homework("HW 1", DUE, null, 0, true), instructor);
        long hw2 = assignments.create(course, homework("HW 2", DUE, null, 0, true), instructor);
        StagedFile alices = submissions.stage(course, hw, "report.pdf", new ByteArrayInputStream(PDF), alice);

        refused(() -> submissions.submit(course, hw, new HandIn("", List.of(alices.token()), Optional.empty()), bob),
                "submission.error.stagedGone");
        refused(() -> submissions.submit(course, hw2, new HandIn("", List.of(alices.token()), Optional.empty()),
                alice), "submission.error.stagedGone");
        refused(() -> submissions.submit(course, hw, new HandIn("", List.of("0".repeat(32)), Optional.empty()),
                alice), "submission.error.stagedGone");
        submissions.unstage(alices.token(), bob); // not bob's to drop
        assertThat(submissions.versions(course, hw, bob)).isEmpty();

        Receipt receipt = submissions.submit(course, hw, new HandIn("", List.of(alices.token()), Optional.empty()),
                alice);
        assertThat(receipt.files()).extracting(ReceiptFile::sha256).containsExactly(sha256(PDF));
    }

    @Test
    void two_files_of_one_version_cannot_share_a_name() throws IOException {
        long hw = assignments.create(course, homework("HW 1", DUE, null, 0, true), instructor);
        Set<Path> tempBefore = uploadTempFiles();
        StagedFile one = submissions.stage(course, hw, "hw1.ipynb", new ByteArrayInputStream(NOTEBOOK), alice);
        StagedFile again = submissions.stage(course, hw, "hw1.ipynb", new ByteArrayInputStream(NOTEBOOK), alice);
        StagedFile upper = submissions.stage(course, hw, "HW1.IPYNB", new ByteArrayInputStream(NOTEBOOK), alice);

        refused(() -> submissions.submit(course, hw, new HandIn("", List.of(one.token(), again.token()),
                Optional.empty()), alice), "submission.error.duplicateName");
        refused(() -> submissions.submit(course, hw, new HandIn("", List.of(one.token(), one.token()),
                Optional.empty()), alice), "submission.error.duplicateName");
        refused(() -> submissions.submit(course, hw, new HandIn("", List.of(one.token(), upper.token()),
                Optional.empty()), alice), "submission.error.duplicateName");
        assertThat(submissions.versions(course, hw, alice)).isEmpty();

        assertThat(submissions.submit(course, hw, new HandIn("", List.of(again.token()), Optional.empty()), alice)
                .files()).hasSize(1);
        submissions.unstage(one.token(), alice);
        submissions.unstage(upper.token(), alice);
        assertThat(uploadTempFiles()).isEqualTo(tempBefore);
    }

    // --- deadlines -------------------------------------------------------------------------------------------------

    @Test
    void work_after_the_due_minute_is_flagged_late_and_after_the_cut_off_refused_unless_extended()
            throws IOException {
        Instant cutoff = seoul("2026-12-07T23:59");
        long hw = assignments.create(course, homework("HW 1", DUE, cutoff, 0, true), instructor);
        SignedInUser carol = person(course, CourseRole.STUDENT, "2026" + digits());

        clock.set(seoul("2026-12-05T23:59:59.999"));
        Receipt onTime = submissions.submit(course, hw, handIn(COLAB), alice);
        assertThat(onTime.late()).isFalse();

        clock.set(seoul("2026-12-06T00:00"));
        Receipt late = submissions.submit(course, hw, handIn(COLAB), bob);
        assertThat(late.late()).isTrue();
        assertThat(late.daysLate()).isEqualTo(1);

        clock.set(seoul("2026-12-07T23:59:59.999"));
        assertThat(submissions.submit(course, hw, handIn(COLAB), bob).daysLate()).isEqualTo(2);

        clock.set(seoul("2026-12-08T00:00"));
        refused(() -> submissions.submit(course, hw, handIn(COLAB), alice), "submission.error.closed");
        refused(() -> stage(hw, "report.pdf", PDF, alice), "submission.error.closed");
        assertThat(assignments.dueNext(course, alice, 5)).isEmpty();

        // an extension for carol only
        refused(() -> assignments.grantExtension(course, hw, Owner.student(carol.id()), DUE.minusSeconds(60),
                Optional.empty(), "", ta), "assignment.error.extensionEarlier");
        refused(() -> assignments.grantExtension(course, hw, Owner.student(ta.id()), seoul("2026-12-09T23:59"),
                Optional.empty(), "", ta), "assignment.error.ownerNotFound");
        assignments.grantExtension(course, hw, Owner.student(carol.id()), seoul("2026-12-09T23:59"),
                Optional.of(seoul("2026-12-10T23:59")), "Hospital", ta);
        assertThat(assignments.assignment(course, hw, carol).deadline().extended()).isTrue();
        assertThat(assignments.assignment(course, hw, alice).deadline().extended()).isFalse();
        assertThat(assignments.dueNext(course, carol, 5)).extracting(DueItem::assignmentId).containsExactly(hw);

        Receipt extended = submitFiles(course, hw, carol, file("report.pdf", PDF));
        assertThat(extended.late()).isFalse();
        refused(() -> submissions.submit(course, hw, handIn(COLAB), alice), "submission.error.closed");
        refused(() -> submissions.submit(course, hw, handIn(COLAB), bob), "submission.error.closed");

        clock.set(seoul("2026-12-10T00:00"));
        Receipt extendedLate = submissions.submit(course, hw, handIn(COLAB), carol);
        assertThat(extendedLate.late()).isTrue();
        assertThat(extendedLate.daysLate()).isEqualTo(1);
        clock.set(seoul("2026-12-11T00:00"));
        refused(() -> submissions.submit(course, hw, handIn(COLAB), carol), "submission.error.closed");

        assertThat(grading.overview(course, hw, ta)).extracting(r -> r.owner().id(), SubmissionRow::late,
                        SubmissionRow::extended, r -> r.version().orElse(0))
                .contains(tuple(alice.id(), false, false, 1),
                        tuple(bob.id(), true, false, 2),
                        tuple(carol.id(), true, true, 2));
    }

    @Test
    void the_late_penalty_of_the_graded_version_is_taken_off_the_points() {
        long hw = assignments.create(course, homework("HW 1", DUE, null, 15, true), instructor);
        clock.set(seoul("2026-12-05T23:00"));
        submissions.submit(course, hw, handIn(COLAB), alice);
        clock.set(seoul("2026-12-07T12:00")); // a day and a half late: two started days
        Receipt late = submissions.submit(course, hw, handIn(COLAB), bob);
        assertThat(late.daysLate()).isEqualTo(2);
        clock.set(seoul("2026-12-20T12:00"));

        GradeView onTime = grading.saveGrade(course, hw, Owner.student(alice.id()), points("8", 0), ta);
        GradeView penalised = grading.saveGrade(course, hw, Owner.student(bob.id()), points("8.25", 0), ta);

        assertThat(onTime.penaltyPercent()).isZero();
        assertThat(onTime.finalPoints()).isEqualByComparingTo("8");
        assertThat(penalised.points()).isEqualByComparingTo("8.25");
        assertThat(penalised.penaltyPercent()).isEqualTo(30);
        assertThat(penalised.finalPoints()).isEqualTo(new BigDecimal("5.78")); // 8.25 × 0.7 = 5.775, half up
        assertThat(penalised.gradedVersion()).contains(1);
        assertThat(grading.overview(course, hw, ta)).filteredOn(r -> r.owner().id() == bob.id()).singleElement()
                .satisfies(r -> assertThat(r.finalPoints()).contains(new BigDecimal("5.78")));

        grading.release(course, hw, ta);
        assertThat(grading.myWork(course, hw, bob).orElseThrow().grade().orElseThrow().finalPoints())
                .isEqualTo(new BigDecimal("5.78"));
    }

    // --- concurrency -------------------------------------------------------------------------------------------------

    @Test
    void two_hand_ins_at_the_same_moment_become_two_versions() throws Exception {
        long hw = assignments.create(course, homework("HW 1", DUE, null, 0, true), instructor);
        int rounds = 5;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Receipt>> both = new ArrayList<>();
                for (String link : List.of(COLAB, "https://github.com/alice/hw1")) {
                    both.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return submissions.submit(course, hw, handIn(link), alice);
                    }));
                }
                for (Future<Receipt> f : both) {
                    f.get(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<Receipt> versions = submissions.versions(course, hw, alice);
        assertThat(versions).extracting(Receipt::version)
                .containsExactlyElementsOf(Stream.iterate(2 * rounds, v -> v - 1).limit(2L * rounds).toList());
        assertThat(versions).extracting(Receipt::link).containsOnly(COLAB, "https://github.com/alice/hw1");
        assertThat(versions.stream().filter(r -> r.link().equals(COLAB))).hasSize(rounds);
    }

    // --- grading -----------------------------------------------------------------------------------------------------

    @Test
    void staff_see_every_student_with_the_state_of_their_work() {
        long hw = assignments.create(course, homework("HW 1", DUE, null, 0, true), instructor);
        SignedInUser carol = person(course, CourseRole.STUDENT, "2026" + digits());
        SignedInUser dave = person(course, CourseRole.STUDENT, "2026" + digits());
        submissions.submit(course, hw, handIn(COLAB), alice);
        submissions.submit(course, hw, handIn(COLAB), alice);
        submissions.submit(course, hw, handIn(COLAB), bob);
        submissions.submit(course, hw, handIn(COLAB), carol);

        grading.saveGrade(course, hw, Owner.student(alice.id()), points("9", 0), ta);
        assertThat(grading.release(course, hw, instructor)).isEqualTo(1);
        grading.saveGrade(course, hw, Owner.student(bob.id()), points("7", 0), ta);

        List<SubmissionRow> rows = grading.overview(course, hw, ta);
        Map<Long, String> status = rows.stream().collect(Collectors.toMap(r -> r.owner().id(),
                SubmissionRow::status, (x, y) -> x + "," + y, LinkedHashMap::new));
        assertThat(status).containsOnly(Map.entry(alice.id(), "RELEASED"), Map.entry(bob.id(), "GRADED"),
                Map.entry(carol.id(), "SUBMITTED"), Map.entry(dave.id(), "NOT_SUBMITTED"));
        assertThat(rows).extracting(SubmissionRow::number).isSorted();
        SubmissionRow aliceRow = rows.stream().filter(r -> r.owner().id() == alice.id()).findFirst().orElseThrow();
        assertThat(aliceRow.version()).contains(2);
        assertThat(aliceRow.number()).isEqualTo(studentNumber(alice));
        assertThat(aliceRow.graderName()).isEqualTo(ta.displayName());
        assertThat(rows.stream().filter(r -> r.owner().id() == dave.id()).findFirst().orElseThrow().version())
                .isEmpty();

        refused(() -> grading.overview(course, hw, alice), "access.staffOnly");
        refused(() -> grading.release(course, hw, alice), "access.staffOnly");
        refused(() -> grading.saveGrade(course, hw, Owner.student(alice.id()), points("10", 1), alice),
                "access.staffOnly");
    }

    @Test
    void grades_are_checked_a_stale_one_is_refused_and_students_see_them_only_once_released() throws IOException {
        long hw = assignments.create(course, new AssignmentDraft(AssignmentKind.HOMEWORK, "HW 1", "", 10, DUE,
                Optional.empty(), 0, 7, Rubric.parse("6 | Code runs\n4 | Report"), true, 0), instructor);
        Receipt alices = submitFiles(course, hw, alice, file("hw1.ipynb", NOTEBOOK));
        Receipt bobs = submitFiles(course, hw, bob, file("hw1.ipynb", NOTEBOOK));
        Owner aliceOwner = Owner.student(alice.id());

        refused(() -> grading.saveGrade(course, hw, aliceOwner, points("10.5", 0), ta), "grading.error.points");
        refused(() -> grading.saveGrade(course, hw, aliceOwner, points("-1", 0), ta), "grading.error.points");
        refused(() -> grading.saveGrade(course, hw, aliceOwner, points("1.005", 0), ta), "grading.error.points");
        refused(() -> grading.saveGrade(course, hw, aliceOwner, new GradeForm(null, List.of(), "", 0), ta),
                "grading.error.points");
        refused(() -> grading.saveGrade(course, hw, aliceOwner, rubric(0, "7", "0"), ta),
                "grading.error.rubricPoints");
        refused(() -> grading.saveGrade(course, hw, aliceOwner, rubric(0, "5"), ta), "grading.error.rubricItems");
        refused(() -> grading.saveGrade(course, hw, aliceOwner, rubric(0, "5", "-0.5"), ta),
                "grading.error.rubricPoints");

        GradeView first = grading.saveGrade(course, hw, aliceOwner, rubric(0, "5.5", "3"), ta);
        assertThat(first.points()).isEqualByComparingTo("8.5");
        assertThat(first.rubricPoints()).extracting(BigDecimal::toPlainString).containsExactly("5.5", "3");
        assertThat(first.gradedVersion()).contains(alices.version());
        GradeView second = grading.saveGrade(course, hw, aliceOwner,
                new GradeForm(null, List.of(new BigDecimal("6"), new BigDecimal("3.25")), "Good work.", first.version()),
                instructor);
        assertThat(second.points()).isEqualByComparingTo("9.25");
        // a grader who opened the first grade cannot overwrite the second
        refused(() -> grading.saveGrade(course, hw, aliceOwner, rubric(first.version(), "1", "1"), ta),
                "grading.error.concurrentEdit");
        assertThat(grading.work(course, hw, aliceOwner, ta).grade().orElseThrow().points())
                .isEqualByComparingTo("9.25");
        assertThat(grading.work(course, hw, aliceOwner, ta).grade().orElseThrow().feedback())
                .isEqualTo("Good work.");

        // not released: the student sees their work but not the grade
        WorkDetails before = grading.myWork(course, hw, alice).orElseThrow();
        assertThat(before.versions()).extracting(Receipt::version).containsExactly(1);
        assertThat(before.grade()).isEmpty();
        assertThat(grading.work(course, hw, aliceOwner, alice).grade()).isEmpty();

        // another student's work, grade and files are out of reach
        refused(() -> grading.work(course, hw, aliceOwner, bob), "submission.error.notFound");
        refused(() -> grading.work(course, hw, Owner.student(bob.id()), alice), "submission.error.notFound");
        refused(() -> submissions.file(course, bobs.files().get(0).id(), alice), "submission.error.notFound");
        assertThat(grading.myWork(course, hw, bob).orElseThrow().versions()).extracting(Receipt::submissionId)
                .containsExactly(bobs.submissionId());

        grading.release(course, hw, ta);
        GradeView seen = grading.myWork(course, hw, alice).orElseThrow().grade().orElseThrow();
        assertThat(seen.points()).isEqualByComparingTo("9.25");
        assertThat(seen.finalPoints()).isEqualByComparingTo("9.25");
        assertThat(seen.feedback()).isEqualTo("Good work.");
        assertThat(seen.released()).isTrue();
        assertThat(grading.myWork(course, hw, bob).orElseThrow().grade()).isEmpty();
    }

    @Test
    void two_graders_who_both_opened_ungraded_work_cannot_both_save_it() throws Exception {
        long hw = assignments.create(course, homework("HW 1", DUE, null, 0, true), instructor);
        Owner aliceOwner = Owner.student(alice.id());
        submissions.submit(course, hw, handIn(COLAB), alice);

        // one after the other: both saw "no grade yet" (version 0)
        GradeView first = grading.saveGrade(course, hw, aliceOwner, feedback("7", 0, "From the TA"), ta);
        assertThat(first.version()).isNotZero();
        refused(() -> grading.saveGrade(course, hw, aliceOwner, feedback("3", 0, "From the instructor"),
                instructor), "grading.error.concurrentEdit");
        assertThat(grading.work(course, hw, aliceOwner, ta).grade().orElseThrow().feedback())
                .isEqualTo("From the TA");

        // at the same moment, for students nobody graded yet: one grade is kept, the other grader is told
        List<SignedInUser> students = List.of(bob, person(course, CourseRole.STUDENT, "2026" + digits()),
                person(course, CourseRole.STUDENT, "2026" + digits()));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (SignedInUser student : students) {
                Owner owner = Owner.student(student.id());
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<String>> both = new ArrayList<>();
                for (SignedInUser grader : List.of(ta, instructor)) {
                    both.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            grading.saveGrade(course, hw, owner, feedback("5", 0, grader.username()), grader);
                            return "saved";
                        } catch (UserFacingException e) {
                            return e.messageKey();
                        }
                    }));
                }
                List<String> outcomes = new ArrayList<>();
                for (Future<String> f : both) {
                    outcomes.add(f.get(30, TimeUnit.SECONDS));
                }
                assertThat(outcomes).containsExactlyInAnyOrder("saved", "grading.error.concurrentEdit");
                assertThat(grading.work(course, hw, owner, ta).grade().orElseThrow().feedback())
                        .isIn(ta.username(), instructor.username());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_regrade_can_be_asked_for_once_at_a_time_within_the_window_after_release() {
        long hw = assignments.create(course, homework("HW 1", DUE, null, 0, true), instructor); // 7 days window
        submissions.submit(course, hw, handIn(COLAB), alice);
        GradeView graded = grading.saveGrade(course, hw, Owner.student(alice.id()), points("6", 0), ta);
        String reason = "Part 2 was graded against the wrong data set.";

        refused(() -> grading.requestRegrade(course, hw, reason, alice), "grading.error.notReleased");
        refused(() -> grading.requestRegrade(course, hw, reason, bob), "grading.error.notReleased");

        clock.set(seoul("2026-12-10T12:00"));
        grading.release(course, hw, ta);
        clock.advance(Duration.ofDays(6));
        refused(() -> grading.requestRegrade(course, hw, "too short", alice), "grading.error.reasonLength");
        Regrade asked = grading.requestRegrade(course, hw, reason, alice);
        assertThat(asked.open()).isTrue();
        refused(() -> grading.requestRegrade(course, hw, reason + " Again.", alice), "grading.error.regradeOpen");
        assertThat(grading.overview(course, hw, ta)).filteredOn(r -> r.owner().id() == alice.id()).singleElement()
                .satisfies(r -> assertThat(r.regradeOpen()).isTrue());

        refused(() -> grading.answerRegrade(course, hw, asked.id(), true, "Yes", alice), "access.staffOnly");
        grading.saveGrade(course, hw, Owner.student(alice.id()), points("8", graded.version() + 1), ta);
        grading.answerRegrade(course, hw, asked.id(), true, "Regraded part 2: +2.", ta);
        refused(() -> grading.answerRegrade(course, hw, asked.id(), false, "No", ta),
                "grading.error.regradeAnswered");
        GradeView seen = grading.myWork(course, hw, alice).orElseThrow().grade().orElseThrow();
        assertThat(seen.points()).isEqualByComparingTo("8");
        assertThat(seen.regrades()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("ACCEPTED");
            assertThat(r.answer()).isEqualTo("Regraded part 2: +2.");
        });

        clock.advance(Duration.ofDays(1)); // seven days after release: the window is over
        refused(() -> grading.requestRegrade(course, hw, reason, alice), "grading.error.regradeClosed");
    }

    @Test
    void all_latest_versions_download_as_one_zip_named_by_student_number_with_checksums() throws IOException {
        long hw = assignments.create(course, homework("HW 1: Linear classifier", DUE, null, 0, true), instructor);
        byte[] report = (new String(PDF, StandardCharsets.US_ASCII) + "x".repeat(600_000))
                .getBytes(StandardCharsets.US_ASCII); // more than two stored chunks
        submitFiles(course, hw, alice, file("old.pdf", PDF));
        StagedFile nb = submissions.stage(course, hw, "hw1.ipynb", new ByteArrayInputStream(NOTEBOOK), alice);
        StagedFile pdf = submissions.stage(course, hw, "report.pdf", new ByteArrayInputStream(report), alice);
        submissions.submit(course, hw, new HandIn(COLAB, List.of(nb.token(), pdf.token()), Optional.empty()), alice);
        submissions.submit(course, hw, handIn("https://github.com/bob/hw1"), bob);

        refused(() -> grading.writeZip(course, hw, alice, new ByteArrayOutputStream()), "access.staffOnly");
        assertThat(grading.zipName(course, hw, ta)).isEqualTo("assignment-" + hw + "-HW-1-Linear-classifier.zip");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        grading.writeZip(course, hw, ta, out);

        Map<String, byte[]> entries = unzip(out.toByteArray());
        String aliceFolder = studentNumber(alice) + "_" + alice.displayName() + "/v2/";
        String bobFolder = studentNumber(bob) + "_" + bob.displayName() + "/v1/";
        assertThat(entries.keySet()).containsExactlyInAnyOrder(aliceFolder + "link.txt", aliceFolder + "hw1.ipynb",
                aliceFolder + "report.pdf", bobFolder + "link.txt", "receipts.csv");
        assertThat(entries.get(aliceFolder + "hw1.ipynb")).isEqualTo(NOTEBOOK);
        assertThat(entries.get(aliceFolder + "report.pdf")).isEqualTo(report);
        assertThat(new String(entries.get(aliceFolder + "link.txt"), StandardCharsets.UTF_8)).isEqualTo(COLAB + "\n");
        assertThat(new String(entries.get(bobFolder + "link.txt"), StandardCharsets.UTF_8))
                .isEqualTo("https://github.com/bob/hw1\n");
        List<String> csv = new String(entries.get("receipts.csv"), StandardCharsets.UTF_8).lines().toList();
        assertThat(csv.get(0)).isEqualTo("folder,version,submitted_at,late,file,size,sha256");
        assertThat(csv).hasSize(3);
        assertThat(csv).anySatisfy(line -> assertThat(line).contains("\"hw1.ipynb\"", "," + NOTEBOOK.length + ",",
                sha256(NOTEBOOK)).startsWith("\"" + studentNumber(alice) + "_"));
        assertThat(csv).anySatisfy(line -> assertThat(line).contains("\"report.pdf\"", "," + report.length + ",",
                sha256(report)));
    }

    // --- team work ---------------------------------------------------------------------------------------------------

    @Test
    void a_proposal_is_handed_in_by_a_team_and_seen_by_its_members_only() {
        long proposal = assignments.create(course, new AssignmentDraft(AssignmentKind.PROPOSAL, "Project proposal",
                "", 20, DUE, Optional.empty(), 0, 7, Rubric.NONE, true, 0), instructor);
        long hw = assignments.create(course, homework("HW 1", DUE, null, 0, true), instructor);
        SignedInUser carol = person(course, CourseRole.STUDENT, "2026" + digits());
        String text = "1) Existing research: ...\n2) Its problems: ...\n3) Our approach: ...";

        refused(() -> submissions.submitText(course, proposal, text, alice), "submission.error.noTeam");
        assertThat(submissions.versions(course, proposal, alice)).isEmpty();
        assertThat(grading.myWork(course, proposal, alice)).isEmpty();

        long team = team("Attention seekers", alice, bob);
        long otherTeam = team("Lonely", carol);
        refused(() -> submissions.submitText(course, proposal, "  ", alice), "submission.error.empty");
        refused(() -> submissions.submitText(course, hw, text, alice), "submission.error.wrongKind");
        refused(() -> submissions.submit(course, proposal, handIn(COLAB), alice), "submission.error.wrongKind");
        refused(() -> submissions.submitText(course, proposal, text, ta), "submission.error.studentsOnly");

        Receipt first = submissions.submitText(course, proposal, text, alice);
        Receipt second = submissions.submitText(course, proposal, text + "\n4) Timeline", bob);
        assertThat(first.owner()).isEqualTo(Owner.team(team));
        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.submittedBy()).isEqualTo(bob.displayName());
        for (SignedInUser member : List.of(alice, bob)) {
            assertThat(submissions.versions(course, proposal, member)).extracting(Receipt::version, Receipt::body)
                    .containsExactly(tuple(2, text + "\n4) Timeline"),
                            tuple(1, text));
            assertThat(grading.myWork(course, proposal, member).orElseThrow().owner()).isEqualTo(Owner.team(team));
        }
        assertThat(submissions.versions(course, proposal, carol)).isEmpty();
        refused(() -> grading.work(course, proposal, Owner.team(team), carol), "submission.error.notFound");
        assertThat(grading.myWork(course, proposal, carol).orElseThrow().versions()).isEmpty();
        assertThat(submissions.submitText(course, proposal, "Our own idea, version one", carol).version())
                .isEqualTo(1);

        assertThat(grading.overview(course, proposal, ta)).extracting(SubmissionRow::owner, SubmissionRow::status,
                        r -> r.version().orElse(0))
                .containsExactlyInAnyOrder(tuple(Owner.team(team), "SUBMITTED", 2),
                        tuple(Owner.team(otherTeam), "SUBMITTED", 1));
        grading.saveGrade(course, proposal, Owner.team(team), points("18", 0), ta);
        grading.release(course, proposal, ta);
        assertThat(grading.myWork(course, proposal, bob).orElseThrow().grade().orElseThrow().points())
                .isEqualByComparingTo("18");
        assertThat(grading.myWork(course, proposal, carol).orElseThrow().grade()).isEmpty();
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    /** A clock the test moves by hand; every thread of the application reads it. */

    private SignedInUser person(long courseId, CourseRole role, String studentNumber) {
        String name = "u" + unique();
        var account = courses.addMember(courseId, new NewMember(name, role.name() + " " + name, null, studentNumber,
                role), SignedInUser.system()).orElseThrow();
        return SignedInUser.of(users.find(account.userId()).orElseThrow());
    }

    private String studentNumber(SignedInUser student) {
        return users.find(student.id()).orElseThrow().getStudentId();
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

    private static AssignmentDraft homework(String title, Instant due, Instant cutoff, int penalty,
                                            boolean published) {
        return new AssignmentDraft(AssignmentKind.HOMEWORK, title, "Train a *linear* classifier.", 10, due,
                Optional.ofNullable(cutoff), penalty, 7, Rubric.NONE, published, 0);
    }

    private static AssignmentDraft edit(AssignmentDraft d, String title) {
        return new AssignmentDraft(d.kind(), title, d.instructions(), d.points(), d.dueAt(), d.cutoffAt(),
                d.latePenaltyPercent(), d.regradeDays(), d.rubric(), d.published(), d.version());
    }

    private static HandIn handIn(String link) {
        return new HandIn(link, List.of(), Optional.empty());
    }

    private static GradeForm points(String points, int version) {
        return new GradeForm(new BigDecimal(points), List.of(), "", version);
    }

    private static GradeForm feedback(String points, int version, String text) {
        return new GradeForm(new BigDecimal(points), List.of(), text, version);
    }

    private static GradeForm rubric(int version, String... items) {
        return new GradeForm(null, Stream.of(items).map(BigDecimal::new).toList(), "", version);
    }

    private record NamedBytes(String name, byte[] bytes) {
    }

    private static NamedBytes file(String name, byte[] bytes) {
        return new NamedBytes(name, bytes);
    }

    private Receipt submitFiles(long courseId, long assignmentId, SignedInUser student, NamedBytes... files)
            throws IOException {
        List<String> tokens = new ArrayList<>();
        for (NamedBytes f : files) {
            tokens.add(submissions.stage(courseId, assignmentId, f.name(), new ByteArrayInputStream(f.bytes()),
                    student).token());
        }
        return submissions.submit(courseId, assignmentId, new HandIn("", tokens, Optional.empty()), student);
    }

    private StagedFile stage(long assignmentId, String name, byte[] bytes, SignedInUser student) throws IOException {
        return submissions.stage(course, assignmentId, name, new ByteArrayInputStream(bytes), student);
    }

    private byte[] read(long courseId, long fileId, SignedInUser viewer) throws IOException {
        try (InputStream in = submissions.file(courseId, fileId, viewer).content()) {
            return in.readAllBytes();
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                assertThat(entries.put(e.getName(), in.readAllBytes())).as("entry %s once", e.getName()).isNull();
            }
        }
        return entries;
    }

    private Set<Path> uploadTempFiles() {
        return UploadFolder.files(uploads.folder());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant seoul(String local) {
        return LocalDateTime.parse(local).atZone(SEOUL).toInstant();
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo(key);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String digits() {
        return Long.toString(Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L) + 100_000_000L)
                .substring(1);
    }
}
