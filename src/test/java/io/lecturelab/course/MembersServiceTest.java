package io.lecturelab.course;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.lecture.LectureDraft;
import io.lecturelab.lecture.LectureService;
import io.lecturelab.lecture.StudyReport;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.SystemRole;
import io.lecturelab.security.UserService;
import io.lecturelab.security.UserService.NewAccount;
import io.lecturelab.security.UserService.NewUser;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static io.lecturelab.course.CourseServiceTest.ADMIN;
import static io.lecturelab.course.CourseServiceTest.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Member management and the roster preview, each action tried by those who may and those who may not. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class MembersServiceTest {

    @Inject
    CourseService courses;

    @Inject
    UserService users;

    @Inject
    LectureService lectures;

    private long course;
    private SignedInUser instructor;
    private SignedInUser ta;
    private SignedInUser student;
    private SignedInUser outsider;

    @BeforeEach
    void course() {
        course = courses.create("m-" + unique(), "Members", "2026 Fall", ADMIN);
        instructor = member(course, CourseRole.INSTRUCTOR, "Instructor");
        ta = member(course, CourseRole.TA, "TA");
        student = member(course, CourseRole.STUDENT, "Student");
        outsider = member(courses.create("o-" + unique(), "Other", "2026 Fall", ADMIN), CourseRole.INSTRUCTOR,
                "Outsider");
    }

    // --- a new course ---------------------------------------------------------------------------------------------

    @Test
    void a_new_course_starts_without_grading_policy_or_team_rules_and_its_creator_teaches_it() {
        SignedInUser admin = person("Second administrator", SystemRole.ADMIN);
        long id = courses.create("n-" + unique(), "New", "2027 Spring", admin);

        CourseSettings settings = courses.settings(id, admin);
        assertThat(settings.grading()).isEmpty();
        assertThat(settings.team()).isEmpty();
        assertThat(settings.instructorName()).isEmpty();
        assertThat(courses.roleOf(admin.id(), id)).contains(CourseRole.INSTRUCTOR);
        // the sample course keeps its own rules
        long sample = courses.findIdBySlug(FirstStart.SAMPLE_SLUG).orElseThrow();
        assertThat(courses.settings(sample, ADMIN).grading()).contains(GradingPolicy.SAMPLE);
    }

    @Test
    void a_course_can_name_its_instructor_and_an_unknown_one_creates_nothing() {
        SignedInUser teacher = person("Teacher", SystemRole.USER);
        long id = courses.create("n-" + unique(), "Named", "2027 Spring", Optional.of(teacher.username()), ADMIN);
        assertThat(courses.members(id, teacher)).extracting(Member::userId, Member::role)
                .containsExactly(tuple(teacher.id(), CourseRole.INSTRUCTOR));

        String slug = "n-" + unique();
        refused(() -> courses.create(slug, "Nobody", "2027", Optional.of("nobody-" + unique()), ADMIN),
                "course.error.noSuchInstructor");
        assertThat(courses.findIdBySlug(slug)).isEmpty();
        refused(() -> courses.create("n-" + unique(), "Mine", "2027", Optional.empty(), instructor),
                "access.adminOnly");
    }

    @Test
    void grading_policy_and_team_rules_are_entered_whole_or_left_out() {
        assertThat(GradingPolicy.fromFields(null, null, null, null, null, null)).isEmpty();
        assertThat(GradingPolicy.fromFields(10, 30, 30, 30, 3, 1)).contains(GradingPolicy.SAMPLE);
        refused(() -> GradingPolicy.fromFields(10, 30, null, 30, 3, 1), "course.error.gradingPartial");
        assertThat(TeamRules.fromFields(null, null, null)).isEmpty();
        refused(() -> TeamRules.fromFields(2, null, 7), "course.error.teamPartial");

        CourseSettings read = courses.settings(course, instructor);
        CourseSettings withRules = courses.updateSettings(course, withRules(read, Optional.of(GradingPolicy.SAMPLE),
                Optional.of(TeamRules.SAMPLE)), instructor);
        assertThat(withRules.grading()).contains(GradingPolicy.SAMPLE);
        CourseSettings cleared = courses.updateSettings(course, withRules(withRules, Optional.empty(),
                Optional.empty()), instructor);
        assertThat(courses.settings(course, student).grading()).isEmpty();
        assertThat(cleared.team()).isEmpty();
    }

    // --- finding members ------------------------------------------------------------------------------------------

    @Test
    void staff_find_members_by_name_student_number_or_email_and_sort_them() {
        String tag = unique().substring(0, 5);
        courses.addMember(course, new NewMember("kim" + tag, "김민준", "kim" + tag + "@uos.ac.kr", tag + "30",
                CourseRole.STUDENT), instructor);
        courses.addMember(course, new NewMember("lee" + tag, "이서연", "lee" + tag + "@uos.ac.kr", tag + "10",
                CourseRole.STUDENT), instructor);
        courses.addMember(course, new NewMember("ahn" + tag, "Ahn Jiwoo", "ahn" + tag + "@uos.ac.kr", tag + "20",
                CourseRole.STUDENT), instructor);

        assertThat(courses.members(course, "서연", MemberSort.NAME, ta)).extracting(Member::displayName)
                .containsExactly("이서연");
        assertThat(courses.members(course, tag + "2", MemberSort.NAME, ta)).extracting(Member::displayName)
                .containsExactly("Ahn Jiwoo");
        assertThat(courses.members(course, "KIM" + tag + "@UOS", MemberSort.NAME, ta)).hasSize(1);
        assertThat(courses.members(course, tag, MemberSort.STUDENT_ID, instructor)).extracting(Member::studentId)
                .containsExactly(tag + "10", tag + "20", tag + "30");
        // Korean collation: Latin letters first, then Hangul in dictionary order
        assertThat(courses.members(course, tag, MemberSort.NAME, instructor)).extracting(Member::displayName)
                .containsExactly("Ahn Jiwoo", "김민준", "이서연");
        assertThat(courses.members(course, "", MemberSort.ROLE, instructor)).extracting(Member::role)
                .startsWith(CourseRole.INSTRUCTOR, CourseRole.TA).endsWith(CourseRole.STUDENT);
        assertThat(courses.members(course, "no such person", MemberSort.NAME, ta)).isEmpty();

        refused(() -> courses.members(course, "", MemberSort.NAME, student), "access.staffOnly");
        refused(() -> courses.members(course, "", MemberSort.NAME, outsider), "course.error.notFound");
    }

    // --- roles and removal ----------------------------------------------------------------------------------------

    @Test
    void only_instructors_change_roles_and_a_course_keeps_one_instructor() {
        refused(() -> courses.changeRole(course, ta.id(), CourseRole.INSTRUCTOR, ta), "access.instructorOnly");
        refused(() -> courses.changeRole(course, student.id(), CourseRole.TA, student), "access.instructorOnly");
        refused(() -> courses.changeRole(course, student.id(), CourseRole.TA, outsider), "course.error.notFound");
        refused(() -> courses.changeRole(course, outsider.id(), CourseRole.TA, instructor), "member.error.notFound");
        refused(() -> courses.changeRole(course, student.id(), null, instructor), "member.error.role");
        refused(() -> courses.changeRole(course, instructor.id(), CourseRole.TA, instructor),
                "member.error.lastInstructor");
        assertThat(courses.roleOf(ta.id(), course)).contains(CourseRole.TA);

        courses.changeRole(course, ta.id(), CourseRole.INSTRUCTOR, instructor);
        courses.changeRole(course, instructor.id(), CourseRole.TA, instructor);
        assertThat(courses.roleOf(instructor.id(), course)).contains(CourseRole.TA);
        assertThat(courses.access(course, ta).instructor()).isTrue();
    }

    @Test
    void a_removed_member_loses_access_keeps_their_work_and_can_be_enrolled_again() {
        long lecture = lectures.create(course, new LectureDraft(1, null, "Week 1", "Text", "", null, "", 0),
                instructor);
        lectures.setPublished(course, lecture, true, instructor);
        lectures.markStudied(course, lecture, true, student);

        refused(() -> courses.removeMember(course, student.id(), ta), "access.instructorOnly");
        refused(() -> courses.removeMember(course, student.id(), student), "access.instructorOnly");
        refused(() -> courses.removeMember(course, instructor.id(), instructor), "member.error.lastInstructor");
        courses.removeMember(course, student.id(), instructor);

        refused(() -> courses.access(course, student), "course.error.notFound");
        refused(() -> lectures.schedule(course, student), "course.error.notFound");
        assertThat(courses.coursesOf(student)).extracting(CourseSummary::id).doesNotContain(course);
        assertThat(users.find(student.id())).isPresent();

        courses.addMember(course, new NewMember(student.username(), "ignored", null, null, CourseRole.STUDENT),
                instructor);
        assertThat(courses.roleOf(student.id(), course)).contains(CourseRole.STUDENT);
        StudyReport report = lectures.studyReport(course, instructor);
        assertThat(report.students()).filteredOn(row -> row.userId() == student.id())
                .singleElement().satisfies(row -> assertThat(row.studied()).containsExactly(lecture));
    }

    // --- password reset -------------------------------------------------------------------------------------------

    @Test
    void an_instructor_gives_a_student_a_temporary_password_that_must_be_changed() {
        NewAccount reset = courses.resetPassword(course, student.id(), instructor);

        assertThat(reset.username()).isEqualTo(student.username());
        assertThat(reset.password()).hasSizeGreaterThanOrEqualTo(UserService.MIN_PASSWORD_LENGTH);
        assertThat(users.find(student.id()).orElseThrow().isMustChangePassword()).isTrue();
        // the temporary password is the one that works now
        refused(() -> users.changePassword(student.id(), "wrong-password", "a-new-password", null),
                "account.error.currentPassword");
        users.changePassword(student.id(), reset.password(), "a-new-password", null);
        assertThat(users.find(student.id()).orElseThrow().isMustChangePassword()).isFalse();
    }

    @Test
    void a_password_reset_is_refused_to_those_without_the_role_and_for_accounts_beyond_the_course() {
        refused(() -> courses.resetPassword(course, student.id(), ta), "access.instructorOnly");
        refused(() -> courses.resetPassword(course, ta.id(), student), "access.instructorOnly");
        refused(() -> courses.resetPassword(course, student.id(), outsider), "course.error.notFound");
        refused(() -> courses.resetPassword(course, outsider.id(), instructor), "member.error.notFound");
        refused(() -> courses.resetPassword(course, instructor.id(), instructor), "member.error.resetSelf");
        // another instructor, and a student who is staff of another course, are an administrator's to reset
        NewAccount coAccount = courses.addMember(course, new NewMember("co" + unique(), "Co-instructor", null, null,
                CourseRole.INSTRUCTOR), ADMIN).orElseThrow();
        SignedInUser coInstructor = SignedInUser.of(users.find(coAccount.userId()).orElseThrow());
        refused(() -> courses.resetPassword(course, coInstructor.id(), instructor), "member.error.resetStaff");
        courses.addMember(course, new NewMember(outsider.username(), "x", null, null, CourseRole.STUDENT), ADMIN);
        refused(() -> courses.resetPassword(course, outsider.id(), instructor), "member.error.resetStaff");
        SignedInUser admin = person("Administrator as student", SystemRole.ADMIN);
        courses.addMember(course, new NewMember(admin.username(), "x", null, null, CourseRole.STUDENT), ADMIN);
        refused(() -> courses.resetPassword(course, admin.id(), instructor), "member.error.resetStaff");
        // nothing was reset: the co-instructor's password is still the one they were given
        users.changePassword(coInstructor.id(), coAccount.password(), "chosen-password", null);

        // a teaching assistant of this course only is the instructor's to reset; an administrator resets anyone
        assertThat(courses.resetPassword(course, ta.id(), instructor).username()).isEqualTo(ta.username());
        courses.resetPassword(course, coInstructor.id(), ADMIN);
        assertThat(users.find(coInstructor.id()).orElseThrow().isMustChangePassword()).isTrue();
        refused(() -> users.changePassword(coInstructor.id(), "chosen-password", "another-password", null),
                "account.error.currentPassword");
    }

    // --- roster preview and apply ---------------------------------------------------------------------------------

    @Test
    void the_roster_preview_reports_every_line_and_refuses_staff_and_accounts_with_other_details() {
        String tag = unique().substring(0, 5);
        // an account from another course with the same details, one with another name, and this course's TA
        long other = courses.create("o-" + unique(), "Other", "2026 Spring", ADMIN);
        courses.importRoster(other, (tag + "01,Kim,kim" + tag + "@uos.ac.kr\n"
                + tag + "02,Park,park" + tag + "@uos.ac.kr\n").getBytes(StandardCharsets.UTF_8), ADMIN);
        SignedInUser staff = person("Teaching Assistant", SystemRole.USER, tag + "03", "ta" + tag + "@uos.ac.kr");
        courses.addMember(course, new NewMember(staff.username(), "x", null, null, CourseRole.TA), instructor);
        String csv = "학번,이름,이메일\n"
                + tag + "01,Kim,kim" + tag + "@uos.ac.kr\n"          // existing, same details: enrolled
                + tag + "02,Choi,park" + tag + "@uos.ac.kr\n"        // existing, another name: refused
                + tag + "03,Teaching Assistant,ta" + tag + "@uos.ac.kr\n"   // staff of the course: refused
                + tag + "04,New,kim" + tag + "@uos.ac.kr\n";         // duplicate e-mail in the file: refused
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);

        RosterPreview preview = courses.previewRoster(course, bytes, instructor);
        assertThat(preview.refused()).extracting(RosterProblem::line).containsExactly(5L);
        // a file with a malformed line is refused before accounts are looked at; without it, accounts are
        bytes = csv.replace(tag + "04,New,kim", tag + "04,New,new").getBytes(StandardCharsets.UTF_8);
        preview = courses.previewRoster(course, bytes, instructor);

        assertThat(preview.existingAccounts()).extracting(RosterPreview.Line::line, RosterPreview.Line::username)
                .containsExactly(tuple(2L, tag + "01"));
        assertThat(preview.newAccounts()).extracting(RosterPreview.Line::studentId).containsExactly(tag + "04");
        assertThat(preview.refused()).extracting(RosterProblem::line, RosterProblem::messageKey)
                .containsExactly(tuple(3L, "roster.refused.differs"), tuple(4L, "roster.refused.staff"));
        assertThat(preview.refused().get(1).arguments()).contains(CourseRole.TA);
        assertThat(preview.applicable()).isFalse();

        RosterImport outcome = courses.applyRoster(course, bytes, preview, instructor);
        assertThat(outcome.accepted()).isFalse();
        assertThat(courses.roleOf(staff.id(), course)).contains(CourseRole.TA);
        assertThat(courses.members(course, tag, MemberSort.NAME, instructor)).extracting(Member::username)
                .containsExactly(staff.username());
        assertThat(users.find(tag + "04")).isEmpty();
        assertThat(users.find(tag + "02").orElseThrow().getDisplayName()).isEqualTo("Park");

        // without the refused lines the file applies whole
        byte[] fixed = (tag + "01,Kim,kim" + tag + "@uos.ac.kr\n" + tag + "04,New,new" + tag + "@uos.ac.kr\n")
                .getBytes(StandardCharsets.UTF_8);
        RosterPreview good = courses.previewRoster(course, fixed, instructor);
        assertThat(good.applicable()).isTrue();
        RosterImport applied = courses.applyRoster(course, fixed, good, instructor);
        assertThat(applied.enrolled()).isEqualTo(2);
        assertThat(applied.created()).extracting(NewAccount::username).containsExactly(tag + "04");
        assertThat(courses.previewRoster(course, fixed, instructor).alreadyMembers()).hasSize(2);
    }

    @Test
    void a_roster_whose_accounts_changed_since_the_preview_is_not_applied() {
        String tag = unique().substring(0, 5);
        byte[] csv = (tag + "01,Kim,kim" + tag + "@uos.ac.kr\n" + tag + "02,Lee,lee" + tag + "@uos.ac.kr\n")
                .getBytes(StandardCharsets.UTF_8);
        RosterPreview seen = courses.previewRoster(course, csv, instructor);
        assertThat(seen.newAccounts()).hasSize(2);
        // meanwhile the first student joins another course, so the file would now enrol an existing account
        courses.importRoster(courses.create("o-" + unique(), "Other", "2026", ADMIN),
                (tag + "01,Kim,kim" + tag + "@uos.ac.kr\n").getBytes(StandardCharsets.UTF_8), ADMIN);

        RosterImport outcome = courses.applyRoster(course, csv, seen, instructor);

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.problems()).extracting(RosterProblem::messageKey).containsExactly("roster.error.changed");
        assertThat(courses.members(course, tag, MemberSort.NAME, instructor)).isEmpty();
        assertThat(users.find(tag + "02")).isEmpty();
    }

    @Test
    void roster_preview_and_apply_are_refused_to_those_without_the_role() {
        byte[] csv = ("x" + unique() + ",Kim,k" + unique() + "@example.com\n").getBytes(StandardCharsets.UTF_8);
        refused(() -> courses.previewRoster(course, csv, ta), "access.instructorOnly");
        refused(() -> courses.previewRoster(course, csv, student), "access.instructorOnly");
        refused(() -> courses.previewRoster(course, csv, outsider), "course.error.notFound");
        RosterPreview preview = courses.previewRoster(course, csv, instructor);
        refused(() -> courses.applyRoster(course, csv, preview, ta), "access.instructorOnly");
        refused(() -> courses.applyRoster(course, csv, preview, outsider), "course.error.notFound");
        assertThat(courses.members(course, instructor)).hasSize(3);
    }

    @Test
    void a_semicolon_separated_roster_gets_one_hint_and_changes_nothing() {
        byte[] csv = "학번;이름;이메일\n2026001;김민준;kim@uos.ac.kr\n2026002;이서연;lee@uos.ac.kr\n"
                .getBytes(StandardCharsets.UTF_8);
        RosterPreview preview = courses.previewRoster(course, csv, instructor);
        assertThat(preview.refused()).extracting(RosterProblem::line, RosterProblem::messageKey)
                .containsExactly(tuple(0L, "roster.error.semicolon"));
        assertThat(courses.applyRoster(course, csv, preview, instructor).accepted()).isFalse();
        assertThat(courses.members(course, instructor)).hasSize(3);
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private SignedInUser member(long courseId, CourseRole role, String name) {
        NewAccount account = courses.addMember(courseId, new NewMember(role.name().toLowerCase() + unique(), name,
                null, null, role), ADMIN).orElseThrow();
        return SignedInUser.of(users.find(account.userId()).orElseThrow());
    }

    private SignedInUser person(String name, SystemRole role) {
        return person(name, role, null, null);
    }

    private SignedInUser person(String name, SystemRole role, String studentId, String email) {
        String username = studentId != null ? studentId : "p" + unique();
        NewAccount account = users.create(new NewUser(username, name, email, studentId, role), Optional.empty());
        return SignedInUser.of(users.find(account.userId()).orElseThrow());
    }

    private static CourseSettings withRules(CourseSettings s, Optional<GradingPolicy> grading,
                                            Optional<TeamRules> team) {
        return new CourseSettings(s.title(), s.term(), s.timeZone(), s.instructorName(), s.instructorEmail(),
                s.instructorPhone(), s.officeHours(), s.recordedLecture(), s.liveClass(), s.liveClassUrl(), grading,
                team, s.overview(), s.resources(), s.version());
    }

    private static void refused(ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo(key);
    }
}
