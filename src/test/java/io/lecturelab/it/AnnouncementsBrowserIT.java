package io.lecturelab.it;

import com.microsoft.playwright.Locator;
import io.lecturelab.testsupport.AppDatabase;
import io.lecturelab.testsupport.BrowserSession;
import io.lecturelab.testsupport.PostgresResource;
import io.lecturelab.testsupport.SmtpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URL;
import java.util.List;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Announcements in the packaged app and headless Chromium: an instructor posts one (Markdown with math) and it is
 * e-mailed through a real SMTP server; students see it on the course home with an unread mark and on the
 * announcements page, in Korean and English, at 390 px and 1366 px; staff edit and delete it.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = MailItResource.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnouncementsBrowserIT {

    private static final String PASSWORD = "student-password";

    private String baseUrl;
    private AppDatabase db;
    private long course;
    private String korean;
    private String english;
    private String koreanAddress;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    void people() {
        baseUrl = root.toString();
        db = new AppDatabase(PostgresResource.jdbcUrl());
        course = db.courseId("deep-learning");
        korean = db.newStudent(course, "김민준", PASSWORD);
        english = db.newStudent(course, "Emma Brown", PASSWORD);
        koreanAddress = korean + "@example.org";
        db.text("update app_user set email = ?, locale = 'ko' where username = ? returning id", koreanAddress,
                korean);
    }

    @Test
    void staff_post_an_announcement_students_see_it_unread_and_get_it_by_mail() throws Exception {
        String title = "Team rules " + UUID.randomUUID().toString().substring(0, 4);
        String page = "courses/" + course + "/announcements";
        try (BrowserSession instructor = new BrowserSession(baseUrl, "en-US")) {
            instructor.resize(1366, 900);
            instructor.signIn("admin", ItResource.ADMIN_PASSWORD);
            instructor.open(page);
            instructor.page.locator("#announcement-new").click();
            instructor.page.locator("#announcement-title input").fill(title);
            instructor.page.locator("#announcement-body textarea").fill("""
                    Teams of **3–4** students. The proposal covers:

                    1. the problem
                    2. the data
                    3. the plan

                    The loss is $L = -\\log \\hat{y}_{true}$.""");
            instructor.page.locator("#announcement-preview").click();
            assertThat(instructor.page.locator("#announcement-preview-box strong")).containsText("3–4");
            assertThat(instructor.page.locator("#announcement-email input")).isChecked();
            assertThat(instructor.accessibilityProblems()).isEmpty();
            instructor.resize(390, 844);
            CourseworkBrowserIT.assertNoSidewaysScrolling(instructor);
            assertThat(instructor.accessibilityProblems()).isEmpty();
            instructor.resize(1366, 900);
            instructor.page.locator("#announcement-save").click();
            assertThat(instructor.page.locator("vaadin-notification-card").last()).containsText("e-mail");
            Locator card = instructor.page.locator(".announcement-card").filter(new Locator.FilterOptions()
                    .setHasText(title));
            assertThat(card).hasCount(1);
            assertThat(card.locator(".katex").first()).isVisible();
            assertThat(card.locator("ol li")).hasCount(3);
            assertThat(card).not().containsText("New");
            instructor.screenshot("announcements-laptop-en");
        }

        List<MimeMessage> mails = SmtpServer.awaitMailsTo(koreanAddress, 1, 60);
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().getSubject()).isEqualTo("[Deep Learning] " + title);
        assertThat(SmtpServer.parts(mails.getFirst()).get("text/plain")).contains("공지를 올렸습니다")
                .contains("Teams of **3–4** students");

        try (BrowserSession student = new BrowserSession(baseUrl, "ko-KR")) {
            student.resize(390, 844);
            student.signIn(korean, PASSWORD);
            student.open("courses/" + course);
            Locator home = student.page.locator("#announcements-home");
            assertThat(home).containsText(title);
            assertThat(home).containsText("새 글");
            assertThat(student.page.locator("#announcements-unread")).containsText("읽지 않은 공지 1개");
            CourseworkBrowserIT.assertNoSidewaysScrolling(student);
            assertThat(student.accessibilityProblems()).isEmpty();

            student.page.locator("#announcements-all").click();
            student.settle();
            Locator card = student.page.locator(".announcement-card").filter(new Locator.FilterOptions()
                    .setHasText(title));
            assertThat(card).containsText("새 글");
            assertThat(card.locator(".katex").first()).isVisible();
            assertThat(student.page.locator("#announcement-new")).hasCount(0);
            assertThat(card.locator(".announcement-edit")).hasCount(0);
            CourseworkBrowserIT.assertNoSidewaysScrolling(student);
            assertThat(student.accessibilityProblems()).isEmpty();
            student.screenshot("announcements-phone-ko");

            // seen once: read from now on, on the page and on the course home
            student.resize(1366, 900);
            student.open(page);
            assertThat(card).not().containsText("새 글");
            assertThat(student.accessibilityProblems()).isEmpty();
            student.open("courses/" + course);
            assertThat(student.page.locator("#announcements-home")).containsText(title);
            assertThat(student.page.locator("#announcements-unread")).hasCount(0);

            // e-mail off, for themselves
            student.open(page);
            student.page.locator("#announcement-mail-me input").uncheck();
            assertThat(student.page.locator("vaadin-notification-card").last()).containsText("더 이상");
        }
        assertThat(db.text("select count(*) from mail_opt_out o join app_user u on u.id = o.user_id "
                + "where u.username = ?", korean)).isEqualTo("1");

        try (BrowserSession student = new BrowserSession(baseUrl, "en-US")) {
            student.resize(1366, 900);
            student.signIn(english, PASSWORD);
            student.open("courses/" + course);
            assertThat(student.page.locator("#announcements-home")).containsText("New");
            assertThat(student.accessibilityProblems()).isEmpty();
            student.open(page);
            assertThat(student.page.locator(".announcement-card").filter(new Locator.FilterOptions()
                    .setHasText(title))).containsText("New");
            student.resize(390, 844);
            CourseworkBrowserIT.assertNoSidewaysScrolling(student);
            assertThat(student.accessibilityProblems()).isEmpty();
        }

        try (BrowserSession instructor = new BrowserSession(baseUrl, "ko-KR")) {
            instructor.resize(390, 844);
            instructor.signIn("admin", ItResource.ADMIN_PASSWORD);
            instructor.open(page);
            Locator card = instructor.page.locator(".announcement-card").filter(new Locator.FilterOptions()
                    .setHasText(title));
            card.locator(".announcement-edit").click();
            instructor.page.locator("#announcement-edit-title input").fill(title + " (updated)");
            instructor.page.locator("#announcement-edit-save").click();
            assertThat(instructor.page.locator("vaadin-notification-card").last()).containsText("저장");
            Locator edited = instructor.page.locator(".announcement-card").filter(new Locator.FilterOptions()
                    .setHasText(title + " (updated)"));
            assertThat(edited).containsText("수정됨");
            CourseworkBrowserIT.assertNoSidewaysScrolling(instructor);
            assertThat(instructor.accessibilityProblems()).isEmpty();
            edited.locator(".announcement-delete").click();
            instructor.page.locator("#announcement-delete-confirm").click();
            instructor.settle();
            assertThat(instructor.page.locator(".announcement-card").filter(new Locator.FilterOptions()
                    .setHasText(title))).hasCount(0);
        }
        // an edit mails nobody again
        assertThat(SmtpServer.mailsTo(koreanAddress)).hasSize(1);
    }
}
