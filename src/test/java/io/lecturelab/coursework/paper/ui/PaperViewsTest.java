package io.lecturelab.coursework.paper.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinRequest;
import io.lecturelab.base.i18n.Translations;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.NewMember;
import io.lecturelab.coursework.AssignmentDraft;
import io.lecturelab.coursework.AssignmentKind;
import io.lecturelab.coursework.AssignmentService;
import io.lecturelab.coursework.Rubric;
import io.lecturelab.coursework.paper.PaperService;
import io.lecturelab.coursework.paper.PaperSummary;
import io.lecturelab.coursework.paper.ReviewSection;
import io.lecturelab.coursework.paper.ReviewService;
import io.lecturelab.coursework.paper.ReviewText;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import io.lecturelab.security.ui.CurrentUser;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The papers page and the review editor in a simulated browser, for a student and an instructor. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class PaperViewsTest {

    @Inject
    PaperService papers;

    @Inject
    ReviewService reviews;

    @Inject
    CourseService courses;

    @Inject
    AssignmentService assignments;

    @Inject
    UserService users;

    @Inject
    CurrentUser currentUser;

    @Inject
    Clock clock;

    private long course;
    private SignedInUser instructor;
    private SignedInUser student;

    @BeforeEach
    void setUp() {
        System.setProperty("vaadin.i18n.provider", Translations.class.getName());
        // listed by hand: class path scanning does not work inside Quarkus' class loader
        MockVaadin.setup(new Routes(new HashSet<>(Set.of(PapersView.class, ReviewView.class)), new HashSet<>(),
                true));
        UI.getCurrent().setLocale(Locale.ENGLISH);
        course = courses.create("pv-" + unique(), "Deep learning", "2026 Fall", SignedInUser.system());
        instructor = person(CourseRole.INSTRUCTOR);
        student = person(CourseRole.STUDENT);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void a_paper_is_listed_ranked_assigned_published_and_reviewed_through_the_pages() {
        // the instructor lists a paper by its arXiv id
        PapersView staffPage = open(instructor, new PapersView(papers, currentUser), v -> v.show(course));
        set(_get(TextField.class, spec -> spec.withId("paper-title")), "Attention Is All You Need");
        set(_get(TextField.class, spec -> spec.withId("paper-link")), "1706.03762");
        _click(_get(Button.class, spec -> spec.withId("paper-add")));
        PaperSummary paper = papers.overview(course, instructor).papers().getFirst();
        assertThat(paper.url()).isEqualTo("https://arxiv.org/abs/1706.03762");
        assertThat(_find(staffPage, Component.class, spec -> spec.withId("paper-" + paper.id()))).hasSize(1);
        UI.getCurrent().removeAll();

        // the student ranks it
        open(student, new PapersView(papers, currentUser), v -> v.show(course));
        @SuppressWarnings("unchecked")
        Select<PaperSummary> first = _get(Select.class, spec -> spec.withId("paper-rank-1"));
        set(first, paper);
        _click(_get(Button.class, spec -> spec.withId("paper-rank-save")));
        assertThat(papers.overview(course, student).myRanking()).containsExactly(paper.id());
        UI.getCurrent().removeAll();

        // the instructor runs and publishes
        open(instructor, new PapersView(papers, currentUser), v -> v.show(course));
        _click(_get(Button.class, spec -> spec.withId("paper-run")));
        _click(_get(Button.class, spec -> spec.withId("paper-publish")));
        _click(_get(Button.class, spec -> spec.withId("paper-publish-confirm")));
        assertThat(papers.overview(course, instructor).published()).isTrue();
        assertThat(_find(Component.class, spec -> spec.withId("paper-result"))).hasSize(1);
        UI.getCurrent().removeAll();

        // the student sees their paper and the link to the review
        long assignment = assignments.create(course, new AssignmentDraft(AssignmentKind.PAPER_REVIEW, "Paper review",
                "", 10, clock.instant().plus(Duration.ofDays(7)), Optional.empty(), 0, 7, Rubric.NONE, true, 0),
                instructor);
        open(student, new PapersView(papers, currentUser), v -> v.show(course));
        assertThat(_find(Component.class, spec -> spec.withId("paper-mine"))).hasSize(1);
        assertThat(_find(Component.class, spec -> spec.withId("review-link-" + assignment))).hasSize(1);
        UI.getCurrent().removeAll();

        // the review: a draft saved, a stale tab refused with the text kept, then submitted
        ReviewView review = open(student, new ReviewView(reviews, currentUser), v -> v.show(course, assignment));
        TextArea summary = _get(TextArea.class, spec -> spec.withId("review-summary"));
        assertThat(summary.getHelperText()).contains("0 of at least 300 characters");
        set(summary, "First words.");
        assertThat(_get(Span.class, spec -> spec.withId("review-saved")).getText()).isEqualTo("Unsaved changes");
        _click(_get(Button.class, spec -> spec.withId("review-save")));
        assertThat(_get(Span.class, spec -> spec.withId("review-saved")).getText()).startsWith("Saved ");
        assertThat(reviews.review(course, assignment, student).version()).isEqualTo(1);

        reviews.saveDraft(course, assignment, new ReviewText(Map.of(ReviewSection.SUMMARY, "other tab"),
                OptionalInt.empty()), 1, student);
        set(summary, "Words typed in the old tab.");
        _click(_get(Button.class, spec -> spec.withId("review-save")));
        assertThat(_get(Span.class, spec -> spec.withId("review-saved")).getText())
                .startsWith("This review was saved in another tab");
        assertThat(summary.getValue()).isEqualTo("Words typed in the old tab.");
        assertThat(reviews.review(course, assignment, student).draft().text(ReviewSection.SUMMARY))
                .isEqualTo("other tab");
        UI.getCurrent().removeAll();

        review = open(student, new ReviewView(reviews, currentUser), v -> v.show(course, assignment));
        for (ReviewSection section : ReviewSection.values()) {
            set(_get(TextArea.class, spec -> spec.withId("review-" + section.key())),
                    "Text with $x^2$ " + "w".repeat(section.minLength()));
        }
        @SuppressWarnings("unchecked")
        Select<Integer> score = _get(Select.class, spec -> spec.withId("review-score"));
        set(score, 4);
        _click(_get(Button.class, spec -> spec.withId("review-preview-toggle")));
        assertThat(_get(Component.class, spec -> spec.withId("review-preview")).getChildren().count()).isPositive();
        _click(_get(Button.class, spec -> spec.withId("review-submit")));
        assertThat(_find(Component.class, spec -> spec.withId("review-version-1"))).hasSize(1);
        assertThat(reviews.versions(course, assignment, student)).hasSize(1);
        assertThat(review).isNotNull();
    }

    @Test
    void staff_see_the_review_form_read_only_and_students_without_a_paper_are_told_so() {
        long assignment = assignments.create(course, new AssignmentDraft(AssignmentKind.PAPER_REVIEW, "Paper review",
                "", 10, clock.instant().plus(Duration.ofDays(7)), Optional.empty(), 0, 7, Rubric.NONE, true, 0),
                instructor);
        open(instructor, new ReviewView(reviews, currentUser), v -> v.show(course, assignment));
        assertThat(_get(TextArea.class, spec -> spec.withId("review-summary")).isReadOnly()).isTrue();
        assertThat(_find(Button.class, spec -> spec.withId("review-submit"))).isEmpty();
        assertThat(_find(Component.class, spec -> spec.withId("review-staff-note"))).hasSize(1);
        UI.getCurrent().removeAll();

        open(student, new ReviewView(reviews, currentUser), v -> v.show(course, assignment));
        assertThat(_find(Component.class, spec -> spec.withId("review-no-paper"))).hasSize(1);
        assertThat(_find(TextArea.class)).isEmpty();
    }

    /** Karibu's own value setter does not fit this Vaadin version; the views react to any change alike. */
    private static <V> void set(com.vaadin.flow.component.HasValue<?, V> field, V value) {
        field.setValue(value);
    }

    private <T extends Component> T open(SignedInUser user, T view, java.util.function.Consumer<T> show) {
        VaadinRequest.getCurrent().setAttribute(SignedInUser.class.getName(), user);
        UI.getCurrent().add(view);
        show.accept(view);
        return view;
    }

    private SignedInUser person(CourseRole role) {
        var account = courses.addMember(course, new NewMember("u" + unique(), role.name() + " " + unique(), null,
                null, role), SignedInUser.system()).orElseThrow();
        return SignedInUser.of(users.find(account.userId()).orElseThrow());
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
