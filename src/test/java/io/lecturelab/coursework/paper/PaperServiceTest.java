package io.lecturelab.coursework.paper;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.NewMember;
import io.lecturelab.coursework.AssignmentDraft;
import io.lecturelab.coursework.AssignmentKind;
import io.lecturelab.coursework.AssignmentService;
import io.lecturelab.coursework.Receipt;
import io.lecturelab.coursework.Rubric;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class PaperServiceTest {

    @Inject
    PaperService papers;

    @Inject
    ReviewService reviews;

    @Inject
    CourseService courses;

    @Inject
    UserService users;

    @Inject
    AssignmentService assignments;

    @Inject
    Clock clock;

    private long course;
    private SignedInUser instructor;
    private SignedInUser ta;

    @BeforeEach
    void course() {
        course = courses.create("p-" + unique(), "Deep learning", "2026 Fall", SignedInUser.system());
        instructor = person(course, CourseRole.INSTRUCTOR);
        ta = person(course, CourseRole.TA);
    }

    // --- papers --------------------------------------------------------------------------------------------------

    @Test
    void staff_list_papers_and_an_arxiv_id_becomes_its_abstract_page() {
        long attention = papers.addPaper(course, new PaperDraft("Attention Is All You Need",
                "Vaswani et al.", "NeurIPS 2017", " 1706.03762 "), ta);
        papers.addPaper(course, new PaperDraft("Deep Residual Learning", "He et al.", "CVPR 2016",
                "https://arxiv.org/abs/1512.03385"), instructor);

        List<PaperSummary> list = papers.overview(course, ta).papers();
        assertThat(list).extracting(PaperSummary::title)
                .containsExactly("Attention Is All You Need", "Deep Residual Learning");
        assertThat(list.getFirst().url()).isEqualTo("https://arxiv.org/abs/1706.03762");
        assertThat(list.getFirst().id()).isEqualTo(attention);
        assertThat(list.getFirst().citation()).isEqualTo(
                "Vaswani et al. Attention Is All You Need. NeurIPS 2017. https://arxiv.org/abs/1706.03762");

        refused(() -> papers.addPaper(course, new PaperDraft("X", "", "", "ftp://example.org/x.pdf"), ta),
                "paper.error.link");
        refused(() -> papers.addPaper(course, new PaperDraft("X", "", "", "javascript:alert(1)"), ta),
                "paper.error.link");
        refused(() -> papers.addPaper(course, new PaperDraft(" ", "", "", ""), ta), "paper.error.title");
        SignedInUser student = person(course, CourseRole.STUDENT);
        refused(() -> papers.addPaper(course, new PaperDraft("Mine", "", "", ""), student), "access.staffOnly");
        refused(() -> papers.removePaper(course, attention, student), "access.staffOnly");

        papers.updatePaper(course, attention, new PaperDraft("Attention Is All You Need", "A. Vaswani", "NIPS",
                "arXiv:1706.03762v7"), ta);
        assertThat(papers.overview(course, student).papers().getFirst().url())
                .isEqualTo("https://arxiv.org/abs/1706.03762v7");
    }

    @Test
    void users_of_other_courses_see_nothing_and_change_nothing() {
        long paper = papers.addPaper(course, draft("Attention"), instructor);
        long other = courses.create("p-" + unique(), "Other", "2026 Fall", SignedInUser.system());
        SignedInUser outsider = person(other, CourseRole.INSTRUCTOR);
        SignedInUser outsiderStudent = person(other, CourseRole.STUDENT);

        refused(() -> papers.overview(course, outsider), "course.error.notFound");
        refused(() -> papers.matching(course, outsider), "course.error.notFound");
        refused(() -> papers.updatePaper(course, paper, draft("Mine now"), outsider), "course.error.notFound");
        refused(() -> papers.runMatching(course, outsider), "course.error.notFound");
        refused(() -> papers.rank(course, List.of(paper), outsiderStudent), "course.error.notFound");
        refused(() -> papers.myPaper(course, outsiderStudent), "course.error.notFound");
        // a paper id of another course is not found through one's own course either
        refused(() -> papers.updatePaper(other, paper, draft("Mine now"), outsider), "paper.error.notFound");
        refused(() -> papers.rank(other, List.of(paper), outsiderStudent), "paper.error.notFound");
    }

    // --- preferences ---------------------------------------------------------------------------------------------

    @Test
    void a_student_replaces_their_ranking_as_a_whole_and_staff_see_the_demand() {
        long a = papers.addPaper(course, draft("A"), instructor);
        long b = papers.addPaper(course, draft("B"), instructor);
        long c = papers.addPaper(course, draft("C"), instructor);
        long d = papers.addPaper(course, draft("D"), instructor);
        SignedInUser kim = person(course, CourseRole.STUDENT);
        SignedInUser lee = person(course, CourseRole.STUDENT);

        papers.rank(course, List.of(a, b, c), kim);
        papers.rank(course, List.of(c, a), kim);
        papers.rank(course, List.of(a), lee);

        assertThat(papers.overview(course, kim).myRanking()).containsExactly(c, a);
        assertThat(papers.overview(course, kim).demand()).isEmpty();
        Map<Long, PaperDemand> demand = papers.overview(course, ta).demand();
        assertThat(demand.get(a).total()).isEqualTo(2);
        assertThat(demand.get(a).byRank().subList(0, 2)).containsExactly(1, 1);
        assertThat(demand.get(c).byRank().getFirst()).isEqualTo(1);
        assertThat(demand.get(b).total()).isZero();

        refused(() -> papers.rank(course, List.of(a, b, c, d), kim), "paper.error.tooManyChoices");
        refused(() -> papers.rank(course, List.of(a, a), kim), "paper.error.sameTwice");
        refused(() -> papers.rank(course, List.of(a), ta), "paper.error.studentsOnly");
        assertThat(papers.overview(course, kim).myRanking()).containsExactly(c, a);

        papers.updateSettings(course, new PaperSettings(2, 4), instructor);
        papers.rank(course, List.of(a, b, c, d), kim);
        assertThat(papers.overview(course, kim).myRanking()).containsExactly(a, b, c, d);
        refused(() -> papers.updateSettings(course, new PaperSettings(2, 4), ta), "access.instructorOnly");
        refused(() -> papers.updateSettings(course, new PaperSettings(0, 3), instructor), "paper.error.cap");
        refused(() -> papers.updateSettings(course, new PaperSettings(2, 6), instructor), "paper.error.choices");
    }

    // --- matching ------------------------------------------------------------------------------------------------

    @Test
    void the_assignment_respects_the_cap_and_gives_students_their_choices() {
        long a = papers.addPaper(course, draft("A"), instructor);
        long b = papers.addPaper(course, draft("B"), instructor);
        long c = papers.addPaper(course, draft("C"), instructor);
        papers.updateSettings(course, new PaperSettings(2, 3), instructor);
        SignedInUser s1 = person(course, CourseRole.STUDENT);
        SignedInUser s2 = person(course, CourseRole.STUDENT);
        SignedInUser s3 = person(course, CourseRole.STUDENT);
        SignedInUser s4 = person(course, CourseRole.STUDENT);
        SignedInUser s5 = person(course, CourseRole.STUDENT);
        papers.rank(course, List.of(a, b), s1);
        papers.rank(course, List.of(a, c), s2);
        papers.rank(course, List.of(a), s3);
        papers.rank(course, List.of(b), s4);
        // s5 ranks nothing

        refused(() -> papers.runMatching(course, ta), "access.instructorOnly");
        MatchingTable table = papers.runMatching(course, instructor);

        assertThat(table.rows()).hasSize(5);
        assertThat(table.unassigned()).isZero();
        assertThat(table.load().values()).allMatch(n -> n <= 2);
        Map<Long, Long> paperOf = table.rows().stream()
                .collect(Collectors.toMap(MatchingTable.Row::userId, r -> r.paperId().orElseThrow()));
        // s3 only wants A, so A goes to s3 and one of s1/s2, the other gets their second choice
        assertThat(paperOf.get(s3.id())).isEqualTo(a);
        assertThat(table.rows().stream().filter(r -> r.userId() != s5.id()).allMatch(r -> r.choice().isPresent()))
                .isTrue();
        assertThat(paperOf.get(s5.id())).isEqualTo(c);
        assertThat(table.rows()).noneMatch(MatchingTable.Row::byHand);
        assertThat(papers.matching(course, ta)).isEqualTo(table);
        refused(() -> papers.matching(course, s1), "access.staffOnly");

        // the same input gives the same result
        assertThat(papers.runMatching(course, instructor)).isEqualTo(table);
    }

    @Test
    void more_students_than_places_is_refused_with_what_would_fit() {
        papers.addPaper(course, draft("A"), instructor);
        papers.updateSettings(course, new PaperSettings(1, 3), instructor);
        person(course, CourseRole.STUDENT);
        person(course, CourseRole.STUDENT);
        UserFacingException refusal = refused(() -> papers.runMatching(course, instructor),
                "paper.error.tooFewPlaces");
        assertThat(refusal.arguments()).containsExactly(2, 1, 1, 1L, 2);

        long empty = courses.create("p-" + unique(), "Empty", "2026 Fall", SignedInUser.system());
        SignedInUser teacher = person(empty, CourseRole.INSTRUCTOR);
        refused(() -> papers.runMatching(empty, teacher), "paper.error.noPapers");
    }

    @Test
    void the_instructor_moves_a_student_by_hand_and_a_full_paper_needs_an_override() {
        long a = papers.addPaper(course, draft("A"), instructor);
        long b = papers.addPaper(course, draft("B"), instructor);
        papers.updateSettings(course, new PaperSettings(1, 3), instructor);
        SignedInUser s1 = person(course, CourseRole.STUDENT);
        SignedInUser s2 = person(course, CourseRole.STUDENT);
        papers.rank(course, List.of(a), s1);
        papers.rank(course, List.of(b, a), s2);
        papers.runMatching(course, instructor);

        UserFacingException full = refused(() -> papers.move(course, s2.id(), a, false, instructor),
                "paper.error.full");
        assertThat(full.arguments()).containsExactly("A", 1L, 1);
        refused(() -> papers.move(course, s2.id(), a, true, ta), "access.instructorOnly");
        refused(() -> papers.move(course, ta.id(), a, true, instructor), "paper.error.notAStudent");

        papers.move(course, s2.id(), a, true, instructor);
        MatchingTable.Row moved = row(papers.matching(course, instructor), s2);
        assertThat(moved.paperId()).contains(a);
        assertThat(moved.byHand()).isTrue();
        assertThat(moved.choice()).isEqualTo(OptionalInt.of(2));
        assertThat(papers.matching(course, instructor).load()).containsEntry(a, 2);

        // a paper with room takes a student without an override
        papers.move(course, s1.id(), b, false, instructor);
        assertThat(row(papers.matching(course, instructor), s1).choice()).isEmpty();
    }

    @Test
    void students_see_only_their_own_paper_and_only_after_publishing() {
        long a = papers.addPaper(course, draft("A"), instructor);
        long b = papers.addPaper(course, draft("B"), instructor);
        long unused = papers.addPaper(course, draft("Unused"), instructor);
        papers.updateSettings(course, new PaperSettings(1, 3), instructor);
        SignedInUser s1 = person(course, CourseRole.STUDENT);
        SignedInUser s2 = person(course, CourseRole.STUDENT);
        papers.rank(course, List.of(a), s1);
        papers.rank(course, List.of(b), s2);

        refused(() -> papers.publish(course, instructor), "paper.error.notComputed");
        papers.runMatching(course, instructor);
        assertThat(papers.myPaper(course, s1)).isEmpty();
        assertThat(papers.overview(course, s1).myPaper()).isEmpty();
        assertThat(papers.overview(course, s1).published()).isFalse();

        refused(() -> papers.publish(course, ta), "access.instructorOnly");
        papers.publish(course, instructor);

        assertThat(papers.myPaper(course, s1).map(PaperSummary::id)).contains(a);
        assertThat(papers.myPaper(course, s2).map(PaperSummary::id)).contains(b);
        assertThat(papers.overview(course, s2).myPaper().map(PaperSummary::id)).contains(b);
        assertThat(papers.myPaper(course, instructor)).isEmpty();
        refused(() -> papers.matching(course, s1), "access.staffOnly");

        // once published: rankings and runs are closed, papers in use are fixed, others may still change
        refused(() -> papers.rank(course, List.of(b), s1), "paper.error.published");
        refused(() -> papers.runMatching(course, instructor), "paper.error.published");
        refused(() -> papers.publish(course, instructor), "paper.error.published");
        refused(() -> papers.updatePaper(course, a, draft("A2"), instructor), "paper.error.inUse");
        refused(() -> papers.removePaper(course, b, instructor), "paper.error.inUse");
        papers.updatePaper(course, unused, draft("Still unused"), instructor);
        papers.removePaper(course, unused, instructor);

        // a student who joins late is placed by hand, over the cap if need be
        SignedInUser late = person(course, CourseRole.STUDENT);
        assertThat(papers.myPaper(course, late)).isEmpty();
        papers.move(course, late.id(), a, true, instructor);
        assertThat(papers.myPaper(course, late).map(PaperSummary::id)).contains(a);
    }

    @Test
    void publishing_is_refused_while_a_student_has_no_paper() {
        papers.addPaper(course, draft("A"), instructor);
        person(course, CourseRole.STUDENT);
        papers.runMatching(course, instructor);
        person(course, CourseRole.STUDENT);
        UserFacingException refusal = refused(() -> papers.publish(course, instructor), "paper.error.unassigned");
        assertThat(refusal.arguments()).containsExactly(1L);
    }

    // --- review drafts -------------------------------------------------------------------------------------------

    @Test
    void a_draft_is_saved_over_the_version_it_names_and_a_stale_save_is_refused() {
        Published setup = published();
        long assignment = reviewAssignment(course, true);
        ReviewForm empty = reviews.review(course, assignment, setup.student());
        assertThat(empty.editable()).isTrue();
        assertThat(empty.version()).isZero();
        assertThat(empty.paper().map(PaperSummary::title)).contains("A");

        SavedDraft first = reviews.saveDraft(course, assignment, text("short", OptionalInt.empty()), 0,
                setup.student());
        assertThat(first.version()).isEqualTo(1);
        // another tab that opened before the first save
        refused(() -> reviews.saveDraft(course, assignment, text("other tab", OptionalInt.empty()), 0,
                setup.student()), "review.error.stale");
        SavedDraft second = reviews.saveDraft(course, assignment, text("longer $x^2$", OptionalInt.of(4)), 1,
                setup.student());
        assertThat(second.version()).isEqualTo(2);
        // the first tab again, one version behind
        refused(() -> reviews.saveDraft(course, assignment, text("old tab", OptionalInt.empty()), 1,
                setup.student()), "review.error.stale");

        ReviewForm form = reviews.review(course, assignment, setup.student());
        assertThat(form.version()).isEqualTo(2);
        assertThat(form.draft().text(ReviewSection.SUMMARY)).isEqualTo("longer $x^2$");
        assertThat(form.draft().score()).isEqualTo(OptionalInt.of(4));
        assertThat(form.savedAt()).isPresent();
    }

    @Test
    void drafts_are_the_students_own_and_need_a_published_paper() {
        long a = papers.addPaper(course, draft("A"), instructor);
        SignedInUser student = person(course, CourseRole.STUDENT);
        papers.rank(course, List.of(a), student);
        long assignment = reviewAssignment(course, true);
        long hidden = reviewAssignment(course, false);

        // not published yet: the form says so and a save is refused
        assertThat(reviews.review(course, assignment, student).editable()).isFalse();
        refused(() -> reviews.saveDraft(course, assignment, ReviewText.empty(), 0, student), "review.error.noPaper");

        papers.runMatching(course, instructor);
        papers.publish(course, instructor);
        reviews.saveDraft(course, assignment, text("mine", OptionalInt.empty()), 0, student);

        ReviewForm staffView = reviews.review(course, assignment, ta);
        assertThat(staffView.editable()).isFalse();
        assertThat(staffView.staff()).isTrue();
        assertThat(staffView.draft().text(ReviewSection.SUMMARY)).isEmpty();
        refused(() -> reviews.saveDraft(course, assignment, ReviewText.empty(), 0, ta), "review.error.studentsOnly");

        SignedInUser classmate = person(course, CourseRole.STUDENT);
        papers.move(course, classmate.id(), a, true, instructor);
        assertThat(reviews.review(course, assignment, classmate).draft().text(ReviewSection.SUMMARY)).isEmpty();

        // unpublished assignments, other kinds and other courses' assignments are not found
        refused(() -> reviews.review(course, hidden, student), "review.error.notFound");
        assertThat(reviews.review(course, hidden, ta).assignmentTitle()).startsWith("Review");
        long homework = assignment(course, "HOMEWORK", true);
        refused(() -> reviews.review(course, homework, student), "review.error.notFound");
        long other = courses.create("p-" + unique(), "Other", "2026 Fall", SignedInUser.system());
        SignedInUser outsider = person(other, CourseRole.STUDENT);
        long elsewhere = reviewAssignment(other, true);
        refused(() -> reviews.review(course, assignment, outsider), "course.error.notFound");
        refused(() -> reviews.review(course, elsewhere, student), "review.error.notFound");
        refused(() -> reviews.saveDraft(other, assignment, ReviewText.empty(), 0, outsider), "review.error.notFound");
    }

    @Test
    void minimum_lengths_are_checked_at_submission_and_the_review_becomes_markdown() {
        Published setup = published();
        long assignment = reviewAssignment(course, true);
        Map<ReviewSection, String> sections = new EnumMap<>(ReviewSection.class);
        for (ReviewSection section : ReviewSection.values()) {
            sections.put(section, "가".repeat(section.minLength()));
        }
        sections.put(ReviewSection.SUMMARY, "x".repeat(ReviewSection.SUMMARY.minLength() - 1) + "   ");
        SavedDraft saved = reviews.saveDraft(course, assignment, new ReviewText(sections, OptionalInt.empty()), 0,
                setup.student());
        UserFacingException tooShort = refused(() -> reviews.submittable(course, assignment, saved.version(),
                Locale.ENGLISH, setup.student()), "review.error.short.summary");
        assertThat(tooShort.arguments()).containsExactly(299, 300);

        sections.put(ReviewSection.SUMMARY, "The paper replaces recurrence with attention: $\\mathrm{softmax}(QK^T/"
                + "\\sqrt{d_k})V$. " + "x".repeat(300));
        SavedDraft full = reviews.saveDraft(course, assignment, new ReviewText(sections, OptionalInt.empty()),
                saved.version(), setup.student());
        refused(() -> reviews.submittable(course, assignment, full.version(), Locale.ENGLISH, setup.student()),
                "review.error.noScore");
        SavedDraft scored = reviews.saveDraft(course, assignment, new ReviewText(sections, OptionalInt.of(5)),
                full.version(), setup.student());
        refused(() -> reviews.submittable(course, assignment, full.version(), Locale.ENGLISH, setup.student()),
                "review.error.stale");

        String markdown = reviews.submittable(course, assignment, scored.version(), Locale.ENGLISH,
                setup.student());
        assertThat(markdown).startsWith("# Review of “A”\n\n**Paper:** Authors. A. Venue. https://arxiv.org/abs/1706.03762")
                .contains("## Summary\n\nThe paper replaces recurrence with attention: $\\mathrm{softmax}(QK^T/")
                .contains("## Problem and existing work\n\n가가")
                .contains("## Overall assessment")
                .endsWith("**Recommendation:** 5 / 5 — Strong accept\n");
        assertThat(reviews.submittable(course, assignment, scored.version(), Locale.KOREAN, setup.student()))
                .contains("## 요약").contains("## 종합 평가");
        refused(() -> reviews.submittable(course, assignment, scored.version(), Locale.ENGLISH, ta),
                "review.error.studentsOnly");
        refused(() -> reviews.saveDraft(course, assignment, new ReviewText(sections, OptionalInt.of(6)),
                scored.version(), setup.student()), "review.error.score");

        // submitting makes a numbered version with the Markdown; the draft stays for a later version
        assertThat(reviews.versions(course, assignment, setup.student())).isEmpty();
        Receipt first = reviews.submit(course, assignment, scored.version(), Locale.ENGLISH, setup.student());
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.late()).isFalse();
        assertThat(first.body()).isEqualTo(markdown.strip());
        refused(() -> reviews.submit(course, assignment, full.version(), Locale.ENGLISH, setup.student()),
                "review.error.stale");
        Receipt second = reviews.submit(course, assignment, scored.version(), Locale.KOREAN, setup.student());
        assertThat(second.version()).isEqualTo(2);
        assertThat(reviews.versions(course, assignment, setup.student())).extracting(Receipt::version)
                .containsExactly(2, 1);
        assertThat(reviews.review(course, assignment, setup.student()).version()).isEqualTo(scored.version());
        // a classmate sees none of it
        SignedInUser classmate = person(course, CourseRole.STUDENT);
        assertThat(reviews.versions(course, assignment, classmate)).isEmpty();
        refused(() -> reviews.submit(course, assignment, 0, Locale.ENGLISH, classmate), "review.error.noPaper");
        refused(() -> reviews.submit(course, assignment, scored.version(), Locale.ENGLISH, ta),
                "review.error.studentsOnly");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private record Published(long paper, SignedInUser student) {
    }

    /** One paper "A", one student, assignment computed and published. */
    private Published published() {
        long a = papers.addPaper(course, new PaperDraft("A", "Authors", "Venue", "1706.03762"), instructor);
        SignedInUser student = person(course, CourseRole.STUDENT);
        papers.runMatching(course, instructor);
        papers.publish(course, instructor);
        return new Published(a, student);
    }

    private static ReviewText text(String summary, OptionalInt score) {
        return new ReviewText(Map.of(ReviewSection.SUMMARY, summary), score);
    }

    private static MatchingTable.Row row(MatchingTable table, SignedInUser student) {
        return table.rows().stream().filter(r -> r.userId() == student.id()).findFirst().orElseThrow();
    }

    private long reviewAssignment(long courseId, boolean published) {
        return assignment(courseId, "PAPER_REVIEW", published);
    }

    /** An assignment due in two weeks, made as staff make it. */
    private long assignment(long courseId, String kind, boolean published) {
        SignedInUser staff = courseId == course ? instructor : SignedInUser.system();
        return assignments.create(courseId, new AssignmentDraft(AssignmentKind.valueOf(kind), "Review " + unique(),
                "Review the paper assigned to you.", 10, clock.instant().plus(Duration.ofDays(14)), Optional.empty(),
                0, 7, Rubric.NONE, published, 0), staff);
    }

    private static PaperDraft draft(String title) {
        return new PaperDraft(title, "", "", "");
    }

    private SignedInUser person(long courseId, CourseRole role) {
        var account = courses.addMember(courseId, new NewMember("u" + unique(), role.name() + " " + unique(), null,
                null, role), SignedInUser.system()).orElseThrow();
        return SignedInUser.of(users.find(account.userId()).orElseThrow());
    }

    private static UserFacingException refused(ThrowableAssert.ThrowingCallable call, String key) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(UserFacingException.class);
        UserFacingException refusal = (UserFacingException) thrown;
        if (key != null) {
            assertThat(refusal.messageKey()).isEqualTo(key);
        }
        return refusal;
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
