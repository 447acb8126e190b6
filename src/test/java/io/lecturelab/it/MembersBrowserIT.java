package io.lecturelab.it;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.lecturelab.testsupport.AppDatabase;
import io.lecturelab.testsupport.BrowserSession;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The members page in a real browser, at 390 px (a phone) and 1366 px (a laptop), in Korean and English: staff find
 * members, an instructor changes a role, resets a password and removes a member, a roster is previewed and then
 * applied; a teaching assistant only finds members. Every state is checked for sideways scrolling and by axe.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ItResource.class, restrictToAnnotatedClass = true)
class MembersBrowserIT {

    private static final String PASSWORD = "members-password";

    @TestHTTPResource("/")
    URL root;

    private String baseUrl;
    private AppDatabase db;
    private long course;
    private String tag;
    private String instructor;
    private String ta;

    @BeforeEach
    void course() {
        baseUrl = root.toString();
        db = new AppDatabase(PostgresResource.jdbcUrl());
        tag = UUID.randomUUID().toString().substring(0, 5);
        course = db.course("members-" + tag, "Members course");
        instructor = "prof" + tag;
        db.member(course, db.user(instructor, "송교수", PASSWORD), "INSTRUCTOR");
        ta = "ta" + tag;
        db.member(course, db.user(ta, "Teaching Assistant with a rather long name", PASSWORD), "TA");
    }

    @Test
    void an_instructor_finds_a_student_changes_a_role_resets_a_password_and_removes_a_member() {
        String kim = student("김민준", "30");
        String lee = student("이서연", "10");
        String park = student("Park Jiwoo", "20");
        try (BrowserSession phone = new BrowserSession(baseUrl, "ko-KR")) {
            phone.resize(390, 844);
            phone.signIn(instructor, PASSWORD).open("courses/" + course);
            // a new course shows no grading policy or team rules that nobody entered
            assertThat(phone.page.locator("table.grading-policy")).hasCount(0);
            assertThat(phone.page.locator(".course-home")).not().containsText("Colab");

            phone.open("courses/" + course + "/members");
            assertThat(phone.page.locator("#member-count")).hasText("구성원 5명");
            checkPage(phone, "members-phone-ko");

            phone.page.locator("#member-search input").fill("서연");
            phone.settle();
            assertThat(phone.page.locator(".mb-card")).hasCount(1);
            assertThat(phone.page.locator(".mb-card")).containsText(lee);
            phone.page.locator("#member-search input").fill("20" + tag);
            phone.settle();
            phone.page.locator("#member-sort").click();
            phone.page.locator("vaadin-select-item[role=option]:visible").filter(new Locator.FilterOptions().setHasText("학번"))
                    .click();
            phone.settle();
            assertThat(phone.page.locator(".mb-card .mb-name")).containsText(new String[] {"이서연", "Park Jiwoo", "김민준"});

            // role: Park becomes a teaching assistant
            Locator parkCard = card(phone, park);
            parkCard.locator("vaadin-select").click();
            phone.page.locator("vaadin-select-item[role=option]:visible").filter(new Locator.FilterOptions().setHasText("조교"))
                    .click();
            phone.settle();
            assertThat(db.text("select m.role from course_member m join app_user u on u.id = m.user_id "
                    + "where m.course_id = ? and u.username = ?", course, park)).isEqualTo("TA");

            // password reset: confirmed, shown once with a copy button
            card(phone, kim).locator(".mb-reset").click();
            exactButton(phone, "비밀번호 재설정").click();
            phone.settle();
            Locator password = phone.page.locator("#reset-password");
            assertThat(password).hasText(java.util.regex.Pattern.compile("[A-Za-z0-9]{12}"));
            String temporary = password.innerText().strip();
            assertThat(phone.page.locator("#copy-reset-password")).isVisible();
            assertNoSidewaysScroll(phone);
            assertThat(phone.accessibilityProblems()).isEmpty();
            phone.screenshot("members-reset-phone-ko");
            phone.page.locator("#close-reset-password").click();
            phone.settle();
            assertThat(phone.page.locator("#reset-password")).hasCount(0);
            try (BrowserSession student = new BrowserSession(baseUrl, "ko-KR")) {
                student.signIn(kim, temporary);
                assertThat(student.page.locator("#must-change-password")).isVisible();
            }

            // removal: confirmed; the student loses access, their account stays
            card(phone, lee).locator(".mb-remove").click();
            exactButton(phone, "제외").click();
            phone.settle();
            assertThat(card(phone, lee)).hasCount(0);
            assertThat(db.text("select count(*) from course_member m join app_user u on u.id = m.user_id "
                    + "where m.course_id = ? and u.username = ?", course, lee)).isEqualTo("0");
            assertThat(db.text("select count(*) from app_user where username = ?", lee)).isEqualTo("1");
        }
        try (BrowserSession removed = new BrowserSession(baseUrl, "en-US")) {
            removed.signIn(lee, PASSWORD).open("courses/" + course);
            assertThat(removed.page.locator(".access-denied-reason")).containsText("not one of its members");
        }
        try (BrowserSession laptop = new BrowserSession(baseUrl, "en-US")) {
            laptop.resize(1366, 900);
            laptop.signIn(instructor, PASSWORD).open("courses/" + course + "/members");
            assertThat(laptop.page.locator("#member-count")).hasText("4 members");
            checkPage(laptop, "members-laptop-en");
            // the last instructor stays one: refused with a message, the select shows the role again
            card(laptop, instructor).locator("vaadin-select").click();
            laptop.page.locator("vaadin-select-item[role=option]:visible").filter(new Locator.FilterOptions()
                    .setHasText("Student")).click();
            assertThat(laptop.page.locator("vaadin-notification-card[theme~=error]"))
                    .containsText("at least one instructor");
            assertThat(db.text("select m.role from course_member m join app_user u on u.id = m.user_id "
                    + "where m.course_id = ? and u.username = ?", course, instructor)).isEqualTo("INSTRUCTOR");
        }
    }

    @Test
    void a_teaching_assistant_finds_members_but_has_no_member_actions() {
        student("김하늘", "01");
        for (String locale : new String[] {"en-US", "ko-KR"}) {
            try (BrowserSession session = new BrowserSession(baseUrl, locale)) {
                session.signIn(ta, PASSWORD).open("courses/" + course + "/members");
                assertThat(session.page.locator(".mb-card")).hasCount(3);
                assertThat(session.page.locator(".mb-remove, .mb-reset, .mb-card vaadin-select, #roster-upload,"
                        + " #add-member")).hasCount(0);
                for (int width : new int[] {390, 1366}) {
                    session.resize(width, 844);
                    assertNoSidewaysScroll(session);
                    assertThat(session.accessibilityProblems()).as(locale + " " + width).isEmpty();
                }
            }
        }
    }

    @Test
    void a_roster_is_previewed_refused_lines_are_explained_and_a_clean_file_is_applied_whole() {
        String existing = student("김민준", "01");
        String semicolons = "학번;이름;이메일\n" + tag + "05;최유나;choi" + tag + "@uos.ac.kr\n";
        String withStaff = "student_id,name,email\n"
                + existing + ",김민준," + existing + "@uos.ac.kr\n"
                + ta + ",Teaching Assistant with a rather long name,ta" + tag + "@uos.ac.kr\n"
                + tag + "05,최유나,choi" + tag + "@uos.ac.kr\n";
        String clean = "student_id,name,email\n"
                + existing + ",김민준," + existing + "@uos.ac.kr\n"
                + tag + "05,최유나,choi" + tag + "@uos.ac.kr\n"
                + tag + "06,정하늘,jung" + tag + "@uos.ac.kr\n";
        try (BrowserSession phone = new BrowserSession(baseUrl, "ko-KR")) {
            phone.resize(390, 844);
            phone.signIn(instructor, PASSWORD).open("courses/" + course + "/members");
            upload(phone, semicolons);
            assertThat(phone.page.locator("#preview-refused")).containsText("세미콜론");
            assertThat(phone.page.locator("#apply-roster")).hasCount(0);

            upload(phone, withStaff);
            assertThat(phone.page.locator("#preview-refused")).containsText("3번째 줄");
            assertThat(phone.page.locator("#preview-refused")).containsText("조교");
            assertThat(phone.page.locator("#preview-already")).containsText(existing);
            assertThat(phone.page.locator("#preview-new")).containsText(tag + "05");
            assertThat(phone.page.locator("#apply-roster")).hasCount(0);
            checkPage(phone, "members-roster-refused-phone-ko");
        }
        assertThat(db.text("select role from course_member m join app_user u on u.id = m.user_id "
                + "where m.course_id = ? and u.username = ?", course, ta)).isEqualTo("TA");
        assertThat(db.text("select count(*) from app_user where username = ?", tag + "05")).isEqualTo("0");

        try (BrowserSession laptop = new BrowserSession(baseUrl, "en-US")) {
            laptop.resize(1366, 900);
            laptop.signIn(instructor, PASSWORD).open("courses/" + course + "/members");
            upload(laptop, clean);
            assertThat(laptop.page.locator("#preview-new")).containsText("2 new accounts");
            assertThat(laptop.page.locator("#preview-already")).containsText("One line is already in the course");
            assertThat(laptop.page.locator("#preview-refused")).hasCount(0);
            checkPage(laptop, "members-roster-preview-en");
            laptop.page.locator("#apply-roster").click();
            laptop.settle();
            assertThat(laptop.page.locator("#roster-imported")).containsText("2 students were enrolled");
            assertThat(laptop.page.locator("#temporary-passwords")).containsText(tag + "06");
            assertThat(laptop.page.locator("#member-count")).hasText("5 members");
            checkPage(laptop, "members-roster-applied-en");
        }
        assertThat(db.text("select count(*) from course_member m join app_user u on u.id = m.user_id "
                + "where m.course_id = ? and u.username in (?, ?)", course, tag + "05", tag + "06")).isEqualTo("2");
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** A student of the course with a student number ending in {@code number}; returns the user name. */
    private String student(String name, String number) {
        String username = "20" + tag + number;
        long id = db.user(username, name, PASSWORD);
        db.text("update app_user set student_id = ?, email = ? where id = ? returning id", username,
                username + "@uos.ac.kr", id);
        db.member(course, id, "STUDENT");
        return username;
    }

    private static Locator card(BrowserSession session, String username) {
        return session.page.locator(".mb-card[data-username='" + username + "']");
    }

    private static Locator exactButton(BrowserSession session, String name) {
        return session.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static void upload(BrowserSession session, String csv) {
        session.page.locator("#roster-upload input[type=file]")
                .setInputFiles(new FilePayload("roster.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        session.settle();
        session.page.locator("#roster-preview").waitFor();
    }

    private static void checkPage(BrowserSession session, String screenshot) {
        assertNoSidewaysScroll(session);
        assertThat(session.accessibilityProblems()).isEmpty();
        session.screenshot(screenshot);
    }

    /** Neither the page nor the layout's content area scrolls sideways. */
    private static void assertNoSidewaysScroll(BrowserSession session) {
        Object overflow = session.page.evaluate("() => { const c = document.querySelector('vaadin-app-layout')"
                + ".shadowRoot.querySelector('[content]'); return Math.max(0, c.scrollWidth - c.clientWidth,"
                + " document.documentElement.scrollWidth - window.innerWidth); }");
        assertThat(((Number) overflow).intValue()).as("sideways overflow in px").isLessThanOrEqualTo(0);
    }
}
