package io.lecturelab.it;

import com.microsoft.playwright.Locator;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The team project and the paper review in the packaged app and headless Chromium: two students form a team by join
 * code, write and submit their proposal and book a presentation slot (in Korean, one of them on a phone); a student
 * ranks papers, the instructor runs the assignment and publishes it, and the student's review draft is kept.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ItResource.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectBrowserIT {

    private static final String PASSWORD = "student-password";
    private String baseUrl;
    private AppDatabase db;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    void setUp() {
        baseUrl = root.toString();
        db = new AppDatabase(PostgresResource.jdbcUrl());
    }

    @Test
    void two_students_form_a_team_write_and_submit_their_proposal_and_book_a_slot() {
        long course = db.course("project-" + UUID.randomUUID().toString().substring(0, 6), "Project course");
        String first = db.newStudent(course, "정하늘", PASSWORD);
        String second = db.newStudent(course, "최유나", PASSWORD);
        db.text("insert into team_formation (course_id, opens_at) values (?, now() - interval '1 day') "
                + "returning course_id", course);
        long proposal = Long.parseLong(db.text("insert into assignment (course_id, kind, title, points, due_at, "
                + "published) values (?, 'PROPOSAL', 'Project proposal', 20, now() + interval '14 days', true) "
                + "returning id", course));
        db.text("insert into presentation_slot (course_id, starts_at, minutes) values "
                + "(?, now() + interval '20 days', 7) returning id", course);

        String code;
        try (BrowserSession phone = new BrowserSession(baseUrl, "ko-KR")) {
            phone.resize(390, 844);
            phone.signIn(first, PASSWORD).open("courses/" + course + "/teams");
            phone.page.locator("#team-create-name input").fill("Vision Team");
            phone.page.locator("#team-create-topic input").fill("자기지도 학습으로 적은 라벨 분류");
            phone.page.locator("#team-create").click();
            phone.settle();
            code = phone.page.locator("#team-my-code").innerText().strip();
            assertThat(code).matches("[A-Z0-9-]{6,}");
            assertNoSidewaysScrolling(phone);
            assertThat(phone.accessibilityProblems()).isEmpty();
            phone.screenshot("teams-ko-phone");
        }

        try (BrowserSession teammate = new BrowserSession(baseUrl, "ko-KR")) {
            teammate.signIn(second, PASSWORD).open("courses/" + course + "/teams");
            teammate.page.locator("#team-join-code input").fill(code);
            teammate.page.locator("#team-join").click();
            teammate.settle();
            assertThat(teammate.page.locator("#team-my-members")).containsText("정하늘");
            assertThat(teammate.page.locator("#team-my-members")).containsText("최유나");

            teammate.open("courses/" + course + "/teams/proposal");
            teammate.page.locator("#proposal-research textarea").fill("Existing work: SimCLR, MoCo, $L = -\\log p$.");
            teammate.page.locator("#proposal-problems textarea").fill("They need large batches and many GPUs.");
            teammate.page.locator("#proposal-approach textarea").fill("We try a memory bank on CIFAR-10.");
            teammate.page.locator("#proposal-save").click();
            teammate.settle();
            assertThat(teammate.page.locator("#proposal-status")).not().isEmpty();
            teammate.page.locator("#proposal-submit").click();
            teammate.settle();
            assertThat(teammate.page.locator("#proposal-receipt")).containsText("1");
            assertThat(teammate.accessibilityProblems()).isEmpty();

            teammate.open("courses/" + course + "/presentations");
            teammate.page.locator("#slot-book-1").click();
            teammate.settle();
            assertThat(teammate.page.locator("#slot-schedule")).containsText("Vision Team");
            assertThat(teammate.accessibilityProblems()).isEmpty();
        }
        assertThat(db.text("select count(*) from submission s join team t on t.id = s.team_id "
                + "where s.assignment_id = ? and t.name = 'Vision Team'", proposal)).isEqualTo("1");

        // the first student sees the team's version on the assignment page too
        try (BrowserSession phone = new BrowserSession(baseUrl, "en-US")) {
            phone.signIn(first, PASSWORD).open("courses/" + course + "/assignments/" + proposal);
            assertThat(phone.page.locator("#version-1")).containsText("memory bank");
        }
    }

    @Test
    void a_student_ranks_papers_gets_one_assigned_and_keeps_a_review_draft() {
        long course = db.course("papers-" + UUID.randomUUID().toString().substring(0, 6), "Paper course");
        String student = db.newStudent(course, "Ada Student", PASSWORD);
        long review = Long.parseLong(db.text("insert into assignment (course_id, kind, title, points, due_at, "
                + "published) values (?, 'PAPER_REVIEW', 'Paper review', 20, now() + interval '14 days', true) "
                + "returning id", course));
        db.text("insert into paper (course_id, title, authors, venue, url) values (?, 'Deep Residual Learning for "
                + "Image Recognition', 'He et al.', 'CVPR 2016', 'https://arxiv.org/abs/1512.03385') returning id",
                course);

        try (BrowserSession instructor = new BrowserSession(baseUrl, "en-US")) {
            instructor.signIn("admin", ItResource.ADMIN_PASSWORD).open("courses/" + course + "/papers");
            instructor.page.locator("#paper-title input").fill("Attention Is All You Need");
            instructor.page.locator("#paper-authors input").fill("Vaswani et al.");
            instructor.page.locator("#paper-venue input").fill("NeurIPS 2017");
            instructor.page.locator("#paper-link input").fill("1706.03762");
            instructor.page.locator("#paper-add").click();
            instructor.settle();
            String notices = String.join(" | ", instructor.page.locator("vaadin-notification-card").allInnerTexts());
            assertThat(instructor.page.locator("#paper-list").innerText()).as(notices)
                    .contains("Attention Is All You Need");
            assertThat(instructor.page.locator("#paper-list a[href='https://arxiv.org/abs/1706.03762']"))
                    .hasCount(1);
            assertThat(instructor.accessibilityProblems()).isEmpty();
        }

        try (BrowserSession browser = new BrowserSession(baseUrl, "en-US")) {
            browser.signIn(student, PASSWORD).open("courses/" + course + "/papers");
            browser.page.locator("#paper-rank-1").click();
            browser.page.locator("vaadin-select-item:visible").filter(new Locator.FilterOptions()
                    .setHasText("Attention Is All You Need")).click();
            browser.page.locator("#paper-rank-save").click();
            browser.settle();
            assertThat(browser.accessibilityProblems()).isEmpty();
        }

        try (BrowserSession instructor = new BrowserSession(baseUrl, "en-US")) {
            instructor.signIn("admin", ItResource.ADMIN_PASSWORD).open("courses/" + course + "/papers");
            instructor.page.locator("#paper-run").click();
            instructor.settle();
            assertThat(instructor.page.locator("#paper-result")).containsText("Ada Student");
            instructor.page.locator("#paper-publish").click();
            instructor.page.locator("#paper-publish-confirm").click();
            instructor.settle();
        }

        String summary = "This paper replaces recurrence with attention. ".repeat(3);
        try (BrowserSession browser = new BrowserSession(baseUrl, "en-US")) {
            browser.signIn(student, PASSWORD).open("courses/" + course + "/papers");
            assertThat(browser.page.locator("#paper-mine")).containsText("Attention Is All You Need");
            browser.open("courses/" + course + "/assignments/" + review + "/review");
            assertThat(browser.page.locator("#review-minimums")).isVisible();
            browser.page.locator("#review-summary textarea").fill(summary);
            browser.page.locator("#review-save").click();
            browser.settle();
            assertThat(browser.page.locator("#review-saved")).containsText("Saved");
            assertThat(browser.accessibilityProblems()).isEmpty();
            // the draft is there again in a new visit
            browser.open("courses/" + course + "/assignments/" + review + "/review");
            assertThat(browser.page.locator("#review-summary textarea")).hasValue(summary);
            // too short to hand in yet: refused with the minimum, nothing stored
            browser.page.locator("#review-submit").click();
            assertThat(browser.page.locator("vaadin-notification-card").last()).isVisible();
        }
        assertThat(db.text("select count(*) from submission where assignment_id = ?", review)).isEqualTo("0");
    }

    @Test
    void every_coursework_page_fits_a_phone_and_a_laptop_in_both_languages_for_students_and_staff() {
        long course = db.course("pages-" + UUID.randomUUID().toString().substring(0, 6), "Pages course");
        String student = db.newStudent(course, "한지민", PASSWORD);
        db.text("insert into team_formation (course_id, opens_at) values (?, now() - interval '1 day') "
                + "returning course_id", course);
        String homework = db.text("insert into assignment (course_id, kind, title, instructions, points, due_at, "
                + "published) values (?, 'HOMEWORK', 'Homework 1: a rather long title for a narrow phone screen', "
                + "'Compute $s = Wx$ for every image.', 10, now() + interval '7 days', true) returning id", course);
        String review = db.text("insert into assignment (course_id, kind, title, points, due_at, published) "
                + "values (?, 'PAPER_REVIEW', 'Paper review', 20, now() + interval '14 days', true) returning id",
                course);
        String base = "courses/" + course + "/";
        List<String> studentPages = List.of("", "assignments", "assignments/" + homework,
                "assignments/" + review + "/review", "teams", "teams/proposal", "presentations", "papers");
        List<String> staffPages = List.of("assignments", "assignments/" + homework,
                "assignments/" + homework + "/submissions", "presentations/present", "papers", "teams");
        List<String> problems = new ArrayList<>();
        for (String locale : List.of("ko-KR", "en-US")) {
            for (boolean staff : List.of(false, true)) {
                try (BrowserSession browser = new BrowserSession(baseUrl, locale)) {
                    browser.signIn(staff ? "admin" : student, staff ? ItResource.ADMIN_PASSWORD : PASSWORD);
                    for (int width : List.of(390, 1366)) {
                        browser.resize(width, width == 390 ? 844 : 900);
                        for (String page : staff ? staffPages : studentPages) {
                            browser.open(base + page);
                            String where = locale + " " + width + "px " + (staff ? "staff" : "student") + " /"
                                    + base + page;
                            int overflow = ((Number) browser.page.evaluate("() => document.documentElement"
                                    + ".scrollWidth - document.documentElement.clientWidth")).intValue();
                            if (overflow > 0) {
                                problems.add(where + ": " + overflow + " px sideways");
                            }
                            browser.accessibilityProblems().forEach(p -> problems.add(where + ": " + p));
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void assertNoSidewaysScrolling(BrowserSession browser) {
        CourseworkBrowserIT.assertNoSidewaysScrolling(browser);
    }
}
