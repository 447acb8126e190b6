package io.lecturelab.course;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class CourseServiceTest {

    /** The application acting as an administrator: sets up what the tests then try as members. */
    static final SignedInUser ADMIN = SignedInUser.system();

    @Inject
    CourseService courses;

    @Inject
    UserService users;

    @Test
    void the_sample_course_is_created_at_first_start_from_the_lecture() {
        long id = courses.findIdBySlug(FirstStart.SAMPLE_SLUG).orElseThrow();
        CourseSettings sample = courses.settings(id, ADMIN);
        assertThat(sample.title()).isEqualTo("Deep Learning");
        assertThat(sample.instructorName()).isEqualTo("Kyungwoo Song");
        assertThat(sample.grading()).contains(GradingPolicy.SAMPLE);
        assertThat(sample.team()).contains(TeamRules.SAMPLE);
        assertThat(sample.overview()).contains("머신러닝 분야의 연구수행 능력 함양");
        long adminId = users.find("admin").orElseThrow().getId();
        assertThat(courses.roleOf(adminId, id)).contains(CourseRole.INSTRUCTOR);
    }

    @Test
    void course_settings_round_trip_with_korean_text_intact() {
        long id = newCourse();
        CourseSettings before = courses.settings(id, ADMIN);
        String korean = "비어 있는 시간은 모두 가능합니다. 수업, 진로 등 도움이 필요한 학생은 메일로 연락 부탁드립니다 🙂";
        CourseSettings edited = new CourseSettings("딥러닝 (Deep Learning)", "2026년 2학기", "Asia/Seoul", "송경우",
                "teacher@example.ac.kr", "02-6490-2474", korean, "월 13:00–15:00", "화 12:00–13:00",
                "https://zoom.us/j/123", Optional.of(new GradingPolicy(20, 25, 25, 30, 2, 2)),
                Optional.of(new TeamRules(3, 4, 10)),
                "## 소개\n$$f(x, W) = Wx$$", "- <https://cs231n.stanford.edu/>", before.version());

        CourseSettings saved = courses.updateSettings(id, edited, ADMIN);
        CourseSettings reread = courses.settings(id, ADMIN);

        assertThat(reread).isEqualTo(saved);
        assertThat(reread.title()).isEqualTo("딥러닝 (Deep Learning)");
        assertThat(reread.officeHours()).isEqualTo(korean);
        assertThat(reread.grading()).contains(new GradingPolicy(20, 25, 25, 30, 2, 2));
        assertThat(reread.team()).contains(new TeamRules(3, 4, 10));
        assertThat(reread.version()).isGreaterThan(before.version());
    }

    @Test
    void a_stale_edit_is_refused_and_does_not_overwrite_the_newer_one() {
        long id = newCourse();
        CourseSettings read = courses.settings(id, ADMIN);
        courses.updateSettings(id, withTitle(read, "First editor"), ADMIN);

        assertThatThrownBy(() -> courses.updateSettings(id, withTitle(read, "Second editor"), ADMIN))
                .isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo("course.error.concurrentEdit");
        assertThat(courses.settings(id, ADMIN).title()).isEqualTo("First editor");
    }

    @Test
    void grading_weights_must_add_up_to_100() {
        assertThatThrownBy(() -> new GradingPolicy(10, 30, 30, 40, 3, 1))
                .isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo("course.error.weightSum");
    }

    @Test
    void an_administrator_sees_every_course_and_a_member_only_theirs() {
        long id = newCourse();
        long other = newCourse();
        var account = courses.addMember(id, new NewMember("s" + unique(), "Student", "s@example.com", null,
                CourseRole.STUDENT), ADMIN).orElseThrow();
        SignedInUser student = SignedInUser.of(users.find(account.userId()).orElseThrow());
        assertThat(courses.coursesOf(student)).extracting(CourseSummary::id).containsExactly(id);
        SignedInUser admin = SignedInUser.of(users.find("admin").orElseThrow());
        assertThat(courses.coursesOf(admin)).extracting(CourseSummary::id).contains(id, other);
        assertThat(courses.roleOf(student.id(), other)).isEmpty();
    }

    @Test
    void adding_the_same_person_twice_is_refused() {
        long id = newCourse();
        String username = "t" + unique();
        courses.addMember(id, new NewMember(username, "TA", null, null, CourseRole.TA), ADMIN);
        assertThatThrownBy(() -> courses.addMember(id, new NewMember(username, "TA", null, null, CourseRole.TA), ADMIN))
                .isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo("member.error.already");
        assertThat(courses.members(id, ADMIN)).hasSize(1);
    }

    @Test
    void each_course_action_is_decided_by_the_service_for_the_acting_user() {
        long id = newCourse();
        long other = newCourse();
        SignedInUser instructor = member(id, CourseRole.INSTRUCTOR);
        SignedInUser ta = member(id, CourseRole.TA);
        SignedInUser student = member(id, CourseRole.STUDENT);
        SignedInUser outsider = member(other, CourseRole.INSTRUCTOR);
        CourseSettings read = courses.settings(id, student);

        // members read the home page; outsiders get the same answer as for a course that does not exist
        assertThat(courses.settings(id, ta).title()).isEqualTo("Course");
        assertRefused(() -> courses.settings(id, outsider), "course.error.notFound");
        assertRefused(() -> courses.settings(Long.MAX_VALUE, outsider), "course.error.notFound");
        // only staff see the member list, only instructors change the course or its members
        assertThat(courses.members(id, ta)).hasSize(3);
        assertRefused(() -> courses.members(id, student), "access.staffOnly");
        assertRefused(() -> courses.members(id, outsider), "course.error.notFound");
        assertRefused(() -> courses.updateSettings(id, withTitle(read, "TA edit"), ta), "access.instructorOnly");
        assertRefused(() -> courses.updateSettings(id, withTitle(read, "Outsider edit"), outsider),
                "course.error.notFound");
        assertRefused(() -> courses.addMember(id, new NewMember("x" + unique(), "X", null, null,
                CourseRole.TA), ta), "access.instructorOnly");
        assertRefused(() -> courses.importRoster(id, "s1,Kim,k@example.com\n".getBytes(), student),
                "access.instructorOnly");
        assertRefused(() -> courses.changeRole(id, student.id(), CourseRole.TA, ta), "access.instructorOnly");
        assertRefused(() -> courses.removeMember(id, student.id(), student), "access.instructorOnly");
        // an instructor of another course cannot reach this course's members through their own course either
        assertRefused(() -> courses.removeMember(other, student.id(), outsider), "member.error.notFound");
        assertRefused(() -> courses.create("x-" + unique(), "Mine", "2026", instructor), "access.adminOnly");
        assertThat(courses.settings(id, student).title()).isEqualTo("Course");
        assertThat(courses.roleOf(student.id(), id)).contains(CourseRole.STUDENT);

        courses.updateSettings(id, withTitle(read, "Instructor edit"), instructor);
        courses.changeRole(id, student.id(), CourseRole.TA, instructor);
        assertThat(courses.roleOf(student.id(), id)).contains(CourseRole.TA);
        courses.removeMember(id, ta.id(), instructor);
        assertThat(courses.members(id, instructor)).extracting(Member::userId).doesNotContain(ta.id());
    }

    private SignedInUser member(long courseId, CourseRole role) {
        var account = courses.addMember(courseId, new NewMember(role.name().toLowerCase() + unique(), role.name(),
                null, null, role), ADMIN).orElseThrow();
        return SignedInUser.of(users.find(account.userId()).orElseThrow());
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo(key);
    }

    private long newCourse() {
        return courses.create("c-" + unique(), "Course", "2026 Fall", ADMIN);
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static CourseSettings withTitle(CourseSettings s, String title) {
        return new CourseSettings(title, s.term(), s.timeZone(), s.instructorName(), s.instructorEmail(),
                s.instructorPhone(), s.officeHours(), s.recordedLecture(), s.liveClass(), s.liveClassUrl(),
                s.grading(), s.team(), s.overview(), s.resources(), s.version());
    }
}
