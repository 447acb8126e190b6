package io.lecturelab.draft;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseHomeDrafts;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.NewMember;
import io.lecturelab.lecture.LectureDraft;
import io.lecturelab.lecture.LectureDrafts;
import io.lecturelab.lecture.LectureService;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Drafts against the real PostgreSQL: per user and document, replaced, discarded, removed by a save, refused. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class DraftServiceTest {

    @Inject
    DraftService drafts;

    @Inject
    LectureService lectures;

    @Inject
    CourseService courses;

    @Inject
    UserService users;

    private long course;
    private long lecture;
    private SignedInUser instructor;
    private SignedInUser assistant;
    private SignedInUser student;

    @BeforeEach
    void course() {
        course = courses.create("d-" + unique(), "Drafts", "2026 Fall", SignedInUser.system());
        instructor = person(course, CourseRole.INSTRUCTOR);
        assistant = person(course, CourseRole.TA);
        student = person(course, CourseRole.STUDENT);
        lecture = lectures.create(course, new LectureDraft(1, null, "Softmax", "stored text", "", null, "", 0),
                instructor);
    }

    @Test
    void a_draft_is_kept_per_user_and_document_and_the_next_write_replaces_it() {
        DocumentRef ref = LectureDrafts.of(course, lecture);
        assertThat(drafts.find(ref, instructor)).isEmpty();

        drafts.save(ref, Map.of("title", "Softmax", "body", "first words"), 3, instructor);
        drafts.save(ref, Map.of("title", "Softmax", "body", "first words and more"), 3, instructor);
        drafts.save(ref, Map.of("body", "the assistant's own words"), 3, assistant);

        Draft kept = drafts.find(ref, instructor).orElseThrow();
        assertThat(kept.fields()).containsEntry("body", "first words and more").containsEntry("title", "Softmax");
        assertThat(kept.baseVersion()).isEqualTo(3);
        assertThat(kept.savedAt()).isNotNull();
        assertThat(drafts.find(ref, assistant).orElseThrow().fields()).containsEntry("body",
                "the assistant's own words");
        // the course home is another document
        assertThat(drafts.find(CourseHomeDrafts.of(course), instructor)).isEmpty();
    }

    @Test
    void a_page_going_away_does_not_replace_a_draft_kept_after_its_own_last_edit() {
        DocumentRef ref = LectureDrafts.of(course, lecture);
        drafts.save(ref, Map.of("body", "the newer tab's words"), 1, instructor);

        // a tab last edited a minute ago, detached only now (its session expired, or the server stops)
        assertThat(drafts.keepOnLeaving(ref, Map.of("body", "an old tab's words"), 1, instructor,
                Duration.ofMinutes(1))).isFalse();
        assertThat(drafts.find(ref, instructor).orElseThrow().fields()).containsEntry("body", "the newer tab's words");

        // a page edited after that draft was kept holds the newest words
        assertThat(drafts.keepOnLeaving(ref, Map.of("body", "words typed just now"), 1, instructor, Duration.ZERO))
                .isTrue();
        assertThat(drafts.find(ref, instructor).orElseThrow().fields()).containsEntry("body", "words typed just now");
        // and with no draft kept at all, any page's words are kept
        drafts.discard(ref, instructor);
        assertThat(drafts.keepOnLeaving(ref, Map.of("body", "a lone tab's words"), 1, instructor,
                Duration.ofHours(1))).isTrue();
    }

    @Test
    void a_discarded_draft_is_gone_and_the_text_may_hold_anything() {
        DocumentRef ref = CourseHomeDrafts.of(course);
        String text = "한국어 \"quotes\" \\ backslash\n\n$$\\hat{y}$$ <iframe src=x>";
        drafts.save(ref, Map.of("settings-overview", text, "grading-midterm", ""), 0, instructor);
        assertThat(drafts.find(ref, instructor).orElseThrow().fields()).containsEntry("settings-overview", text)
                .containsEntry("grading-midterm", "");

        drafts.discard(ref, instructor);
        assertThat(drafts.find(ref, instructor)).isEmpty();
        drafts.discard(ref, instructor);
    }

    @Test
    void saving_the_lecture_removes_the_editors_draft_and_a_refused_save_keeps_it() {
        DocumentRef ref = LectureDrafts.of(course, lecture);
        int version = lectures.lecture(course, lecture, instructor).version();
        drafts.save(ref, Map.of("body", "instructor's unsaved words"), version, instructor);
        drafts.save(ref, Map.of("body", "assistant's unsaved words"), version, assistant);

        lectures.update(course, lecture, new LectureDraft(1, null, "Softmax", "assistant's saved words", "", null,
                "", version), assistant);
        assertThat(drafts.find(ref, assistant)).isEmpty();

        // the instructor's save comes too late: refused, and the instructor's draft stays
        assertThatThrownBy(() -> lectures.update(course, lecture, new LectureDraft(1, null, "Softmax",
                "instructor's words", "", null, "", version), instructor))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("lecture.error.concurrentEdit");
        assertThat(drafts.find(ref, instructor).orElseThrow().fields()).containsEntry("body",
                "instructor's unsaved words");
    }

    @Test
    void only_those_who_may_edit_the_document_keep_drafts_of_it() {
        DocumentRef lectureRef = LectureDrafts.of(course, lecture);
        assertThatThrownBy(() -> drafts.save(lectureRef, Map.of("body", "x"), 0, student))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("lecture.error.staffOnly");
        assertThatThrownBy(() -> drafts.find(lectureRef, student)).isInstanceOf(UserFacingException.class);

        long other = courses.create("e-" + unique(), "Elsewhere", "2026 Fall", SignedInUser.system());
        SignedInUser stranger = person(other, CourseRole.INSTRUCTOR);
        assertThatThrownBy(() -> drafts.save(lectureRef, Map.of("body", "x"), 0, stranger))
                .isInstanceOf(UserFacingException.class);
        // the lecture named through another course's id does not exist there
        assertThatThrownBy(() -> drafts.save(LectureDrafts.of(other, lecture), Map.of("body", "x"), 0, stranger))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("lecture.error.notFound");

        // the course home is the instructors' to edit: not a teaching assistant's
        assertThatThrownBy(() -> drafts.save(CourseHomeDrafts.of(course), Map.of("x", "y"), 0, assistant))
                .isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> drafts.save(new DocumentRef(CourseHomeDrafts.KIND, course, other), Map.of("x", "y"),
                0, instructor)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("draft.error.notFound");
    }

    @Test
    void a_draft_longer_than_the_limit_is_refused_and_the_kept_one_stays() {
        DocumentRef ref = LectureDrafts.of(course, lecture);
        drafts.save(ref, Map.of("body", "kept"), 1, instructor);
        assertThatThrownBy(() -> drafts.save(ref, Map.of("body", "x".repeat(DraftService.MAX_CHARS + 1)), 1,
                instructor)).isInstanceOf(UserFacingException.class).hasMessageContaining("draft.error.tooLarge");
        assertThat(drafts.find(ref, instructor).orElseThrow().fields()).containsEntry("body", "kept");
        // the longest lecture fits
        drafts.save(ref, Map.of("body", "x".repeat(500_000), "title", "t"), 1, instructor);
        assertThat(drafts.find(ref, instructor).orElseThrow().fields().get("body")).hasSize(500_000);
    }

    private SignedInUser person(long courseId, CourseRole role) {
        var account = courses.addMember(courseId, new NewMember("u" + unique(), role.name(), null, null, role),
                SignedInUser.system()).orElseThrow();
        return SignedInUser.of(users.find(account.userId()).orElseThrow());
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
