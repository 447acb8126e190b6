package io.lecturelab.it;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.FilePayload;
import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.testsupport.AppDatabase;
import io.lecturelab.testsupport.BrowserSession;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Lectures in the packaged app and headless Chromium: typeset math, tables, editing, publishing, refusals. */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ItResource.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LectureBrowserIT {

    private static final String PASSWORD = "student-password";
    private static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private String baseUrl;
    private AppDatabase db;
    private long course;
    private long lectureOne;
    private String student;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    void people() {
        baseUrl = root.toString();
        db = new AppDatabase(PostgresResource.jdbcUrl());
        course = db.courseId("deep-learning");
        lectureOne = Long.parseLong(db.text("select id from lecture where course_id = ? and title = ?", course,
                "1. Introduction"));
        student = db.newStudent(course, "이서연", PASSWORD);
    }

    private BrowserSession browser(String locale) {
        return new BrowserSession(baseUrl, locale);
    }

    @Test
    void lecture_one_shows_typeset_math_the_pixel_table_and_the_grading_policy() {
        try (BrowserSession korean = browser("ko-KR")) {
            korean.signIn(student, PASSWORD);
            korean.open("courses/" + course);
            assertThat(korean.page.locator("table.grading-policy tr").nth(1)).containsText("30%");
            korean.page.locator("vaadin-side-nav-item").filter(new Locator.FilterOptions().setHasText("강의")).click();
            korean.settle();
            Locator schedule = korean.page.locator("#lectures");
            assertThat(schedule).containsText("1. Introduction");
            assertThat(korean.page.locator(".live-class").first()).containsText("2022-03-08 12:00");
            assertThat(korean.page.locator(".live-class").first()).containsText("Asia/Seoul");
            korean.screenshot("lecture-schedule-ko");
            korean.page.locator("a.lecture-link").filter(new Locator.FilterOptions()
                    .setHasText("1. Introduction")).click();
            korean.settle();

            Locator content = korean.page.locator(".lecture-page lecture-content");
            assertThat(content.first()).hasAttribute("data-typeset", "true");
            Locator display = korean.page.locator(".lecture-page span.math-display .katex-display");
            assertThat(display.first()).isVisible();
            assertThat(display).hasCount(3);
            assertThat(korean.page.locator(".lecture-page span.math-inline:not(:has(.katex))")).hasCount(0);
            assertThat(korean.page.locator(".lecture-page span.math-inline .katex").first()).isVisible();
            assertThat(korean.page.locator(".lecture-page .katex-html").first()).not().containsText("$$");
            assertThat(korean.page.locator(".lecture-page .katex-mathml annotation").allTextContents())
                    .contains("f(x, W) = Wx", "\\hat{y}_i = \\frac{\\exp(s_i)}{\\sum_{j=1}^2 \\exp(s_j)}");

            Locator pixels = korean.page.locator(".lecture-page table").filter(new Locator.FilterOptions()
                    .setHasText("[105"));
            assertThat(pixels.locator("tbody tr")).hasCount(24);
            assertThat(pixels.locator("tbody tr").first().locator("td")).hasCount(16);
            assertThat(content.first()).containsText("Attendance: 10%");
            assertThat(content.first()).containsText("Midterm: 30%");
            assertThat(content.first()).containsText("비어 있는 시간은 모두 가능합니다.");
            assertThat(korean.page.locator(".lecture-page pre code.hljs").first()).isVisible();
            korean.screenshot("lecture-01-ko");
            korean.page.locator(".lecture-page span.math-display").first().scrollIntoViewIfNeeded();
            korean.screenshot("lecture-01-math-ko");
            pixels.scrollIntoViewIfNeeded();
            korean.screenshot("lecture-01-pixels-ko");

            korean.page.locator("#mark-studied").click();
            assertThat(korean.page.locator("vaadin-notification-card")).containsText("학습 완료로 표시했습니다");
            korean.open("courses/" + course + "/lectures");
            String published = db.text("select count(*) from lecture where course_id = ? and published", course);
            assertThat(korean.page.locator("#lecture-progress"))
                    .containsText(published + "개 강의 중 1개를 학습했습니다.");
        }
        assertThat(db.text("select count(*) from lecture_progress p join app_user u on u.id = p.user_id "
                + "where u.username = ?", student)).isEqualTo("1");
    }

    @Test
    void the_instructor_writes_with_a_live_preview_and_students_see_the_lecture_only_once_published() {
        String title = "Softmax " + UUID.randomUUID().toString().substring(0, 4);
        String lectureUrl;
        try (BrowserSession instructor = browser("en-US")) {
            instructor.signIn("admin", ItResource.ADMIN_PASSWORD).open("courses/" + course + "/lectures");
            instructor.page.locator("#new-lecture").click();
            instructor.page.waitForURL("**/edit");
            instructor.settle();
            lectureUrl = instructor.path().replace("/edit", "");
            instructor.page.locator("#lecture-title-field input").fill(title);
            instructor.page.locator("#lecture-body textarea").fill("## Cross-entropy\n\n"
                    + "$$L(y, \\hat{y}) = -\\sum_{i=1}^2 y_i \\log \\hat{y}_i$$\n\n| class | $\\hat{y}$ |\n|---|---|\n"
                    + "| cat | 0.9 |\n\n```python\nimport torch\n```\n");
            Locator preview = instructor.page.locator("#lecture-preview");
            assertThat(preview.locator("span.math-display .katex-display")).hasCount(1);
            assertThat(preview.locator("table td").first()).hasText("cat");
            assertThat(preview.locator("pre code.hljs")).containsText("import torch");
            instructor.screenshot("lecture-editor-en");

            Locator file = instructor.page.locator("#attachment-upload input[type=file]");
            file.setInputFiles(new FilePayload("fake.pdf", "application/pdf",
                    "<html>".getBytes(StandardCharsets.UTF_8)));
            instructor.settle();
            assertThat(instructor.page.locator("vaadin-notification-card")).containsText("not a PDF");
            assertThat(instructor.page.locator("#attachment-list")).containsText("No files attached yet.");
            file.setInputFiles(new FilePayload("slides.pdf", "application/pdf", PDF));
            instructor.settle();
            assertThat(instructor.page.locator("#attachment-list")).containsText("slides.pdf");
            assertThat((String) instructor.page.locator("#lecture-body").evaluate("field => field.value"))
                    .startsWith("## Cross-entropy").contains("import torch");
            assertThat(instructor.page.locator("#lecture-title-field input")).hasValue(title);
            instructor.page.locator("#save-lecture").click();
            assertThat(instructor.page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                    .setHasText("Lecture “" + title + "” saved."))).hasCount(1);
        }
        try (BrowserSession reader = browser("en-US")) {
            reader.signIn(student, PASSWORD).open("courses/" + course + "/lectures");
            assertThat(reader.page.locator("#lectures")).containsText("1. Introduction");
            assertThat(reader.page.locator("#lectures")).not().containsText(title);
            reader.open(lectureUrl);
            assertThat(reader.page.locator(".lecture-refused")).containsText("not published");
        }
        try (BrowserSession instructor = browser("en-US")) {
            instructor.signIn("admin", ItResource.ADMIN_PASSWORD).open(lectureUrl + "/edit");
            instructor.page.locator("#lecture-published").click();
            instructor.page.locator("#save-lecture").click();
            assertThat(instructor.page.locator("vaadin-notification-card")).containsText("saved");
        }
        try (BrowserSession reader = browser("en-US")) {
            reader.signIn(student, PASSWORD).open(lectureUrl);
            assertThat(reader.page.locator("#lecture-title")).hasText(title);
            assertThat(reader.page.locator(".lecture-page span.math-display .katex-display")).hasCount(1);
            Download download = reader.page.waitForDownload(() -> reader.page.locator("a.attachment-link")
                    .filter(new Locator.FilterOptions().setHasText("slides.pdf")).click());
            try {
                assertThat(Files.readAllBytes(download.path())).isEqualTo(PDF);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            reader.open("courses/" + course + "/lectures");
            reader.page.locator("#lecture-search input").fill("cross-entropy");
            assertThat(reader.page.locator("#lecture-search-results")).containsText(title);
        }
    }

    @Test
    void an_attachment_just_under_the_limit_is_kept_and_one_just_over_is_refused_by_the_app_not_by_http() {
        int max = ItResource.MAX_ATTACHMENT_BYTES;
        long id = Long.parseLong(db.text("insert into lecture (course_id, position, week, title, body, published) "
                        + "values (?, ?, 3, 'Limits', '', false) returning id", course,
                200_000 + (int) (Math.random() * 1000)));
        List<Integer> uploadStatuses = new CopyOnWriteArrayList<>();
        try (BrowserSession instructor = browser("ko-KR")) {
            instructor.page.onResponse(response -> {
                if (response.request().method().equals("POST") && response.url().contains("/VAADIN/dynamic/")) {
                    uploadStatuses.add(response.status());
                }
            });
            instructor.signIn("admin", ItResource.ADMIN_PASSWORD).open("courses/" + course + "/lectures/" + id
                    + "/edit");
            Locator file = instructor.page.locator("#attachment-upload input[type=file]");
            file.setInputFiles(new FilePayload("under.pdf", "application/pdf", pdfOf(max - 1)));
            instructor.settle();
            assertThat(instructor.page.locator("#attachment-list")).containsText("under.pdf");

            // The browser's own size check would refuse first; a request can skip it, so the server must refuse too.
            instructor.page.locator("#attachment-upload").evaluate("upload => upload.maxFileSize = Infinity");
            file.setInputFiles(new FilePayload("over.pdf", "application/pdf", pdfOf(max + 1)));
            instructor.settle();
            assertThat(instructor.page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                    .setHasText("파일이 비어 있거나 2MB보다 큽니다."))).hasCount(1);
            assertThat(instructor.page.locator("#attachment-list")).not().containsText("over.pdf");
        }
        assertThat(uploadStatuses).hasSize(2).doesNotContain(413);
        assertThat(db.text("select string_agg(file_name || ':' || size_bytes, ',') from lecture_attachment "
                + "where lecture_id = ?", id)).isEqualTo("under.pdf:" + (max - 1));
    }

    @Test
    void the_packaged_apps_http_body_limit_follows_the_upload_limits_it_was_started_with() throws Exception {
        // Started with a 2 MiB attachment limit (ItResource), the largest upload is a student's hand-in (20 MiB by
        // default): bodies up to 21 MiB pass (more than Quarkus's own 10 MiB), larger ones are refused by the HTTP
        // layer.
        int handIn = Integer.parseInt(LectureLabConfig.DEFAULT_MAX_SUBMISSION_FILE_BYTES);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            assertThat(postStatus(client, LectureLabConfig.LAB_MAX_IMAGE_BYTES + 1)).isEqualTo(200);
            assertThat(postStatus(client, handIn + 1)).isEqualTo(200);
            assertThat(postStatus(client, handIn + 2 * 1024 * 1024)).isEqualTo(413);
            assertThat(postStatus(client, ItResource.MAX_ATTACHMENT_BYTES + 1)).isEqualTo(200);
        }
    }

    private int postStatus(HttpClient client, int bytes) throws IOException, InterruptedException {
        // Expect: 100-continue lets the server refuse before the body is sent. The health endpoint ignores the body, so
        // below the limit it simply answers, and no page tries to read the bytes as a Vaadin request.
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl).resolve("/q/health")).expectContinue(true)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[bytes])).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static byte[] pdfOf(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        System.arraycopy(PDF, 0, bytes, 0, PDF.length);
        return bytes;
    }

    @Test
    void a_student_cannot_open_the_editor_and_is_told_why() {
        try (BrowserSession english = browser("en-US")) {
            english.signIn(student, PASSWORD).open("courses/" + course + "/lectures/" + lectureOne + "/edit");
            assertThat(english.page.locator(".access-denied-reason"))
                    .hasText("Only the course’s instructors and teaching assistants may open this page.");
            assertThat(english.page.locator("#save-lecture")).hasCount(0);
            english.open("courses/" + course + "/lectures");
            assertThat(english.page.locator("#new-lecture")).hasCount(0);
            assertThat(english.page.locator(".publish-toggle")).hasCount(0);
        }
    }

    @Test
    void script_in_a_lecture_never_runs_in_a_students_page() {
        String body = "Hello <script>window.__xss = 1</script>\n\n<img src=\"x\" onerror=\"window.__xss = 2\">\n\n"
                + "[click me](javascript:window.__xss=3) <a href=\"javascript:window.__xss=4\">me too</a>\n\n"
                + "$x</span><img src=x onerror=\"window.__xss=5\">$ and $$\\href{javascript:window.__xss=6}{y}$$\n";
        long id = Long.parseLong(db.text("insert into lecture (course_id, position, week, title, body, published) "
                + "values (?, ?, 2, 'XSS', ?, true) returning id", course, 100_000 + (int) (Math.random() * 1000), body));
        try (BrowserSession english = browser("en-US")) {
            english.signIn(student, PASSWORD).open("courses/" + course + "/lectures/" + id);
            Locator content = english.page.locator(".lecture-page lecture-content");
            assertThat(content.first()).hasAttribute("data-typeset", "true");
            assertThat(content.first()).containsText("Hello");
            assertThat(content.locator("script, img[onerror], a[href^='javascript']")).hasCount(0);
            english.page.locator("a").filter(new Locator.FilterOptions().setHasText("me too")).click();
            english.page.waitForTimeout(500);
            assertThat(english.page.evaluate("() => window.__xss === undefined")).isEqualTo(true);
            english.screenshot("lecture-xss-en");
        }
    }
}
