package io.lecturelab.course;

import io.lecturelab.security.UserService;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.lecturelab.course.CourseServiceTest.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class RosterImportTest {

    @Inject
    CourseService courses;

    @Inject
    UserService users;

    @Test
    void a_good_roster_enrols_everyone_with_temporary_passwords_that_work() {
        long courseId = courses.create("roster-" + CourseServiceTest.unique(), "Course", "2026 Fall", ADMIN);
        String prefix = CourseServiceTest.unique().substring(0, 6);
        String csv = "student_id,name,email\n"
                + prefix + "01,김민준,a" + prefix + "@uos.ac.kr\n"
                + prefix + "02,이서연,b" + prefix + "@uos.ac.kr\n";

        RosterImport outcome = courses.importRoster(courseId, csv.getBytes(StandardCharsets.UTF_8), ADMIN);

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.enrolled()).isEqualTo(2);
        assertThat(outcome.created()).hasSize(2);
        assertThat(courses.members(courseId, ADMIN)).extracting(Member::displayName, Member::role)
                .containsExactlyInAnyOrder(tuple("김민준", CourseRole.STUDENT),
                        tuple("이서연", CourseRole.STUDENT));
        var account = outcome.created().getFirst();
        var user = users.find(account.username()).orElseThrow();
        assertThat(user.isMustChangePassword()).isTrue();
        assertThat(user.getStudentId()).isEqualTo(prefix + "01");

        // Importing the same file again changes nothing and says so.
        RosterImport again = courses.importRoster(courseId, csv.getBytes(StandardCharsets.UTF_8), ADMIN);
        assertThat(again.enrolled()).isZero();
        assertThat(again.alreadyMembers()).isEqualTo(2);
        assertThat(courses.members(courseId, ADMIN)).hasSize(2);
    }

    @Test
    void a_roster_with_one_bad_line_changes_nothing() {
        long courseId = courses.create("roster-" + CourseServiceTest.unique(), "Course", "2026 Fall", ADMIN);
        String prefix = CourseServiceTest.unique().substring(0, 6);
        String csv = prefix + "01,Kim,kim" + prefix + "@example.com\n"
                + prefix + "02,Lee,not-an-email\n";

        RosterImport outcome = courses.importRoster(courseId, csv.getBytes(StandardCharsets.UTF_8), ADMIN);

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.problems()).extracting(RosterProblem::line).containsExactly(2L);
        assertThat(courses.members(courseId, ADMIN)).isEmpty();
        assertThat(users.find(prefix + "01")).isEmpty();
    }

    @Test
    void a_student_from_another_course_keeps_their_account_and_password() {
        long first = courses.create("roster-" + CourseServiceTest.unique(), "First", "2026 Spring", ADMIN);
        long second = courses.create("roster-" + CourseServiceTest.unique(), "Second", "2026 Fall", ADMIN);
        String id = CourseServiceTest.unique().substring(0, 6) + "77";
        byte[] csv = (id + ",Kim,kim" + id + "@example.com\n").getBytes(StandardCharsets.UTF_8);
        String password = courses.importRoster(first, csv, ADMIN).created().getFirst().password();

        RosterImport outcome = courses.importRoster(second, csv, ADMIN);

        assertThat(outcome.enrolled()).isEqualTo(1);
        assertThat(outcome.created()).isEmpty();
        assertThat(courses.members(second, ADMIN)).extracting(Member::username).containsExactly(id);
        // The first course's temporary password is still the one that works.
        long userId = users.find(id).orElseThrow().getId();
        users.changePassword(userId, password, "a-new-password", null);
    }
}
