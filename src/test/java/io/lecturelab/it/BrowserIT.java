package io.lecturelab.it;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.FilePayload;
import io.lecturelab.testsupport.AppDatabase;
import io.lecturelab.testsupport.BrowserSession;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The packaged app in headless Chromium against a real PostgreSQL, as students and instructors use it. */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ItResource.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT {

    private static final String STUDENT_PASSWORD = "student-password";
    private String baseUrl;
    private AppDatabase db;
    private long sampleCourse;
    private String student;
    private String outsider;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    void people() {
        baseUrl = root.toString();
        db = new AppDatabase(PostgresResource.jdbcUrl());
        sampleCourse = db.courseId("deep-learning");
        student = db.newStudent(sampleCourse, "김민준", STUDENT_PASSWORD);
        long otherCourse = db.course("other-" + UUID.randomUUID().toString().substring(0, 6), "Computer Vision");
        outsider = db.newStudent(otherCourse, "Outsider", STUDENT_PASSWORD);
    }

    private BrowserSession browser(String locale) {
        return new BrowserSession(baseUrl, locale);
    }

    @Test
    void an_anonymous_visitor_is_sent_to_the_sign_in_page() {
        try (BrowserSession korean = browser("ko-KR")) {
            korean.open("courses/" + sampleCourse);
            korean.page.waitForURL("**/login");
            assertThat(korean.page.locator("vaadin-login-form")).containsText("로그인");
        }
    }

    @Test
    void every_answer_carries_the_security_headers_and_the_cookies_are_out_of_scripts_reach() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String path : new String[] {"login", "courses/" + sampleCourse, "api/ml/engine", "q/health"}) {
            var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(answer.headers().firstValue("Content-Security-Policy").orElse("")).as(path)
                    .contains("frame-ancestors 'none'").contains("object-src 'none'").contains("default-src 'self'");
        }
        try (BrowserSession english = browser("en-US")) {
            english.signIn(student, STUDENT_PASSWORD);
            english.open("courses/" + sampleCourse);
            var cookies = english.cookies();
            assertThat(cookies).extracting(c -> c.name).contains("JSESSIONID", "quarkus-credential");
            for (var cookie : cookies) {
                assertThat(cookie.httpOnly).as(cookie.name + " is HttpOnly").isTrue();
                assertThat(cookie.sameSite).as(cookie.name + " SameSite").isIn(
                        com.microsoft.playwright.options.SameSiteAttribute.LAX,
                        com.microsoft.playwright.options.SameSiteAttribute.STRICT);
            }
            assertThat(english.page.evaluate("() => document.cookie")).isEqualTo("");
        } // closing checks that no page broke the Content-Security-Policy
    }

    @Test
    void a_wrong_password_is_refused_with_a_message() {
        try (BrowserSession english = browser("en-US")) {
            english.signIn(student, "not-the-password");
            assertThat(english.path()).startsWith("login?error");
            assertThat(english.page.locator("vaadin-login-form")).containsText("Wrong user name or password");
            english.screenshot("login-error-en");
        }
    }

    @Test
    void a_student_sees_the_grading_policy_in_korean() {
        try (BrowserSession korean = browser("ko-KR")) {
            korean.signIn(student, STUDENT_PASSWORD);
            korean.text("Deep Learning").click();
            korean.settle();
            Locator grading = korean.page.locator("table.grading-policy");
            assertThat(grading).containsText("출석");
            assertThat(grading.locator("tr").nth(0)).containsText("10%");
            assertThat(grading.locator("tr").nth(1)).containsText("중간고사");
            assertThat(grading.locator("tr").nth(1)).containsText("30%");
            assertThat(korean.page.locator(".course-home")).containsText("프로그래밍 과제 3개");
            assertThat(korean.page.locator(".course-home")).containsText("한 팀은 2~3명입니다");
            assertThat(korean.page.locator(".course-home")).containsText("Kyungwoo Song");
            assertThat(korean.page.locator("vaadin-side-nav")).not().containsText("강좌 설정");
            korean.screenshot("course-home-ko");
        }
    }

    @Test
    void a_student_sees_the_grading_policy_in_english() {
        try (BrowserSession english = browser("en-US")) {
            english.signIn(student, STUDENT_PASSWORD);
            english.open("courses/" + sampleCourse);
            Locator grading = english.page.locator("table.grading-policy");
            assertThat(grading.locator("tr").nth(0)).containsText("Attendance");
            assertThat(grading.locator("tr").nth(0)).containsText("10%");
            assertThat(grading.locator("tr").nth(2)).containsText("Final exam");
            assertThat(grading.locator("tr").nth(3)).containsText("Homework");
            assertThat(english.page.locator(".course-home")).containsText("one paper review");
            assertThat(english.page.locator(".course-home")).containsText("7-minute presentation");
            english.screenshot("course-home-en");
        }
    }

    @Test
    void a_student_is_refused_an_instructor_page_with_a_clear_message() {
        try (BrowserSession english = browser("en-US")) {
            english.signIn(student, STUDENT_PASSWORD);
            english.open("courses/" + sampleCourse + "/settings");
            assertThat(english.page.locator(".access-denied-reason"))
                    .hasText("Only the course’s instructors may open this page.");
            assertThat(english.page.locator("#save-settings")).hasCount(0);
            english.open("courses/" + sampleCourse + "/members");
            assertThat(english.page.locator(".access-denied-reason")).containsText("teaching assistants");
            english.open("admin/courses");
            assertThat(english.page.locator(".access-denied-reason")).containsText("administrators");
        }
    }

    @Test
    void a_member_of_one_course_cannot_open_another_courses_pages() {
        try (BrowserSession korean = browser("ko-KR")) {
            korean.signIn(outsider, STUDENT_PASSWORD);
            assertThat(korean.page.locator(".page")).containsText("Computer Vision");
            assertThat(korean.page.locator(".page")).not().containsText("Deep Learning");
            korean.open("courses/" + sampleCourse);
            assertThat(korean.page.locator(".access-denied-reason"))
                    .hasText("그런 강좌가 없거나, 이 강좌의 구성원이 아닙니다.");
            assertThat(korean.page.locator("table.grading-policy")).hasCount(0);
            // a course that does not exist gets the very same answer: ids of other courses reveal nothing
            String refusedExisting = korean.page.locator(".access-denied").innerText();
            korean.open("courses/987654321");
            assertThat(korean.page.locator(".access-denied-reason"))
                    .hasText("그런 강좌가 없거나, 이 강좌의 구성원이 아닙니다.");
            org.assertj.core.api.Assertions.assertThat(korean.page.locator(".access-denied").innerText())
                    .isEqualTo(refusedExisting);
        }
    }

    @Test
    void the_instructor_signs_in_edits_the_home_page_and_students_see_it() {
        String hours = "화요일 14:00–16:00, 연구실 " + UUID.randomUUID().toString().substring(0, 4);
        try (BrowserSession instructor = browser("en-US")) {
            instructor.signIn("admin", ItResource.ADMIN_PASSWORD);
            instructor.text("Deep Learning").click();
            instructor.settle();
            instructor.page.locator("vaadin-side-nav-item").filter(new Locator.FilterOptions()
                    .setHasText("Course settings")).click();
            instructor.settle();
            instructor.page.locator("#settings-officeHours textarea").fill(hours);
            instructor.page.locator("#save-settings").click();
            assertThat(instructor.page.locator("vaadin-notification-card")).containsText("Course settings saved.");
            instructor.screenshot("course-settings-en");
        }
        try (BrowserSession korean = browser("ko-KR")) {
            korean.signIn(student, STUDENT_PASSWORD);
            korean.open("courses/" + sampleCourse);
            assertThat(korean.page.locator(".course-home")).containsText(hours);
        }
    }

    @Test
    void two_instructors_editing_at_once_do_not_overwrite_each_other() {
        try (BrowserSession first = browser("en-US"); BrowserSession second = browser("ko-KR")) {
            first.signIn("admin", ItResource.ADMIN_PASSWORD).open("courses/" + sampleCourse + "/settings");
            second.signIn("admin", ItResource.ADMIN_PASSWORD).open("courses/" + sampleCourse + "/settings");
            first.page.locator("#settings-term input").fill("2022 Spring (edited)");
            first.page.locator("#save-settings").click();
            assertThat(first.page.locator("vaadin-notification-card")).containsText("saved");

            second.page.locator("#settings-term input").fill("2022 봄학기");
            second.page.locator("#save-settings").click();
            assertThat(second.page.locator("vaadin-notification-card")).containsText("다른 사람이 이 설정을 저장했습니다");
            assertThat(second.page.locator("#settings-term input")).hasValue("2022 봄학기");
        }
        assertThat(db.text("select term from course where id = ?", sampleCourse)).isEqualTo("2022 Spring (edited)");
    }

    @Test
    void the_instructor_imports_a_roster_bad_file_changes_nothing_good_file_enrols() {
        String suffix = UUID.randomUUID().toString().substring(0, 5);
        String bad = "student_id,name,email\n9" + suffix + "1,김하늘,sky" + suffix + "@uos.ac.kr\n9" + suffix
                + "2,Lee\n";
        String good = "student_id,name,email\n9" + suffix + "1,김하늘,sky" + suffix + "@uos.ac.kr\n9" + suffix
                + "2,이서연,lee" + suffix + "@uos.ac.kr\n";
        try (BrowserSession instructor = browser("ko-KR")) {
            instructor.signIn("admin", ItResource.ADMIN_PASSWORD).open("courses/" + sampleCourse + "/members");
            upload(instructor, "roster.csv", bad);
            assertThat(instructor.page.locator(".roster-problems")).containsText("3번째 줄");
            assertThat(instructor.page.locator(".roster-problems")).containsText("열이 3개");
            assertThat(db.text("select count(*) from app_user where username like ?", "9" + suffix + "%"))
                    .isEqualTo("0");

            upload(instructor, "roster.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    good.getBytes(StandardCharsets.UTF_8));
            assertThat(instructor.page.locator("vaadin-notification-card")).containsText("CSV 파일");

            byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', (byte) 0xff, (byte) 0xfe};
            upload(instructor, "photo.csv", "text/csv", png);
            assertThat(instructor.page.locator(".roster-problems")).containsText("UTF-8");

            upload(instructor, "roster.csv", good);
            assertThat(instructor.page.locator("#preview-new")).containsText("새 계정 2개");
            instructor.page.locator("#apply-roster").click();
            instructor.settle();
            assertThat(instructor.page.locator("#import-result")).containsText("학생 2명을 등록했습니다");
            assertThat(instructor.page.locator("#temporary-passwords")).containsText("9" + suffix + "1");
            assertThat(instructor.page.locator("#members")).containsText("이서연");
            instructor.screenshot("members-import-ko");
        }
        assertThat(db.text("select count(*) from course_member m join app_user u on u.id = m.user_id "
                + "where u.username like ? and m.course_id = ?", "9" + suffix + "%", sampleCourse)).isEqualTo("2");
    }

    @Test
    void a_roster_just_under_its_limit_is_read_and_one_just_over_is_refused_by_the_app_in_the_users_language() {
        int limit = 1024 * 1024; // lecturelab.max-roster-bytes, the default the screen states
        // one student line padded with a long quoted name: read in full, then refused for its content, not its size
        String head = "student_id,name,email\n8812345,\"";
        String tail = "\",not-an-email\n";
        String underLimit = head + "x".repeat(limit - 1 - head.length() - tail.length()) + tail;
        org.assertj.core.api.Assertions.assertThat(underLimit.getBytes(StandardCharsets.UTF_8)).hasSize(limit - 1);
        try (BrowserSession instructor = browser("ko-KR")) {
            instructor.signIn("admin", ItResource.ADMIN_PASSWORD).open("courses/" + sampleCourse + "/members");
            // the server must not rely on the browser's own size check
            instructor.page.locator("#roster-upload").evaluate("upload => upload.maxFileSize = Infinity");
            upload(instructor, "roster.csv", underLimit);
            assertThat(instructor.page.locator(".roster-problems")).containsText("2번째 줄");

            upload(instructor, "roster.csv", underLimit + "xx");
            assertThat(instructor.page.locator(".roster-problems")).containsText("파일이 너무 큽니다 (최대 1,024 KB)");
        }
        assertThat(db.text("select count(*) from app_user where username = '8812345'")).isEqualTo("0");
    }

    @Test
    void a_new_student_must_choose_a_password_before_anything_else() {
        try (BrowserSession instructor = browser("en-US")) {
            String username = "3" + UUID.randomUUID().toString().substring(0, 6);
            instructor.signIn("admin", ItResource.ADMIN_PASSWORD).open("courses/" + sampleCourse + "/members");
            instructor.page.locator("#new-member-username input").fill(username);
            instructor.page.locator("#new-member-name input").fill("Park");
            instructor.page.locator("#add-member").click();
            Locator row = instructor.page.locator("#temporary-passwords tr")
                    .filter(new Locator.FilterOptions().setHasText(username));
            String password = row.locator("td.password").textContent();
            assertThat(password).hasSize(12);

            try (BrowserSession student = browser("en-US")) {
                student.signIn(username, password);
                assertThat(student.page.locator("#must-change-password")).isVisible();
                student.open("courses/" + sampleCourse);
                assertThat(student.page.locator("#must-change-password")).isVisible();
                student.page.locator("#current-password input").fill(password);
                student.page.locator("#new-password input").fill("park-own-password");
                student.page.locator("#confirm-password input").fill("park-own-password");
                student.page.locator("#change-password").click();
                student.settle();
                student.open("courses/" + sampleCourse);
                assertThat(student.page.locator("table.grading-policy")).isVisible();
            }
        }
    }

    @Test
    void the_language_switch_changes_the_ui_and_is_remembered() {
        try (BrowserSession session = browser("en-US")) {
            session.signIn(outsider, STUDENT_PASSWORD);
            assertThat(session.page.locator("vaadin-side-nav")).containsText("My courses");
            session.page.locator("vaadin-app-layout .header-language").click();
            session.page.locator("vaadin-select-item:visible").filter(new Locator.FilterOptions().setHasText("한국어")).click();
            session.page.waitForLoadState();
            session.settle();
            assertThat(session.page.locator("vaadin-side-nav")).containsText("내 강좌");
        }
        try (BrowserSession again = browser("en-US")) {
            again.signIn(outsider, STUDENT_PASSWORD);
            assertThat(again.page.locator("vaadin-side-nav")).containsText("내 강좌");
        }
    }

    @Test
    void signing_out_ends_the_session() {
        try (BrowserSession english = browser("en-US")) {
            english.signIn(student, STUDENT_PASSWORD).open("courses/" + sampleCourse);
            english.signOut("Sign out");
            english.open("courses/" + sampleCourse);
            english.page.waitForURL("**/login");
            assertThat(english.page.locator("table.grading-policy")).hasCount(0);
        }
    }

    @Test
    void an_administrator_creates_a_course_and_its_staff() {
        String slug = "ml-" + UUID.randomUUID().toString().substring(0, 6);
        String teacher = "t" + UUID.randomUUID().toString().substring(0, 6);
        try (BrowserSession admin = browser("ko-KR")) {
            admin.signIn("admin", ItResource.ADMIN_PASSWORD).open("admin/courses");
            admin.page.locator("#new-course-slug input").fill(slug);
            admin.page.locator("#new-course-title input").fill("기계학습");
            admin.page.locator("#new-course-term input").fill("2026 가을");
            admin.page.locator("#create-course").click();
            admin.page.waitForURL("**/members");
            admin.page.locator("#new-member-username input").fill(teacher);
            admin.page.locator("#new-member-name input").fill("송교수");
            admin.page.locator("#new-member-role").click();
            admin.page.locator("vaadin-select-item[role=option]:visible").filter(new Locator.FilterOptions().setHasText("교수자"))
                    .click();
            admin.page.locator("#add-member").click();
            assertThat(admin.page.locator("#members")).containsText("송교수");
            admin.page.locator("#add-member").click();
            assertThat(admin.page.locator("vaadin-notification-card[theme~=error]")).containsText("이름을 입력하세요");
        }
        assertThat(db.text("select m.role from course_member m join course c on c.id = m.course_id "
                + "join app_user u on u.id = m.user_id where c.slug = ? and u.username = ?", slug, teacher))
                .isEqualTo("INSTRUCTOR");
    }

    private static void upload(BrowserSession session, String name, String csv) {
        upload(session, name, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private static void upload(BrowserSession session, String name, String type, byte[] bytes) {
        session.page.locator("#roster-upload input[type=file]").setInputFiles(new FilePayload(name, type, bytes));
        session.settle();
    }
}
