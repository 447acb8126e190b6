package io.lecturelab.it;

import com.microsoft.playwright.Download;
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

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coursework in the packaged app and headless Chromium: an instructor sets a homework, a student hands in a
 * notebook and a Colab link (in Korean, on a phone), a grader grades it with feedback and releases it, the student
 * sees it; every file downloads again in one zip.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ItResource.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CourseworkBrowserIT {

    private static final String PASSWORD = "student-password";
    static final byte[] NOTEBOOK = """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {"language_info": {"name": "python"}},
             "cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["# Homework 1: Softmax classifier\\n",
               "We minimise $L = -\\\\log \\\\hat{y}_{true}$."]},
              {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": ["print(3072)"],
               "outputs": [{"output_type": "stream", "name": "stdout", "text": ["3072\\n"]}]}
             ]}
            """.getBytes(StandardCharsets.UTF_8);

    private String baseUrl;
    private AppDatabase db;
    private long course;
    private String student;
    private String otherStudent;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    void people() {
        baseUrl = root.toString();
        db = new AppDatabase(PostgresResource.jdbcUrl());
        course = db.courseId("deep-learning");
        student = db.newStudent(course, "김민준", PASSWORD);
        otherStudent = db.newStudent(course, "박지우", PASSWORD);
    }

    @Test
    void a_student_hands_in_a_notebook_a_grader_grades_it_and_the_student_sees_the_released_grade() throws Exception {
        String title = "Homework 1 " + UUID.randomUUID().toString().substring(0, 4);
        long assignment;
        try (BrowserSession instructor = new BrowserSession(baseUrl, "en-US")) {
            instructor.signIn("admin", ItResource.ADMIN_PASSWORD);
            instructor.open("courses/" + course + "/assignments");
            instructor.page.locator("#assignment-new").click();
            instructor.page.locator("#assignment-title input").fill(title);
            instructor.page.locator("#assignment-instructions textarea")
                    .fill("Train the softmax classifier: $s = Wx$.");
            instructor.page.locator("#assignment-points input").fill("10");
            instructor.page.locator("#assignment-due vaadin-date-picker input").fill("31/12/2099");
            instructor.page.locator("#assignment-due vaadin-date-picker input").press("Enter");
            instructor.page.locator("#assignment-due vaadin-time-picker input").fill("23:59");
            instructor.page.locator("#assignment-due vaadin-time-picker input").press("Enter");
            instructor.page.locator("#assignment-published input").check();
            instructor.page.locator("#assignment-save").click();
            instructor.settle();
            assertThat(instructor.page.locator("h2")).containsText(title);
            assertThat(instructor.page.locator("#assignment-deadline")).containsText("Thu 31 Dec 2099, 23:59");
            assertThat(instructor.accessibilityProblems()).isEmpty();
            assignment = Long.parseLong(db.text("select id from assignment where title = ?", title));
            assertThat(db.text("select to_char(due_at at time zone 'Asia/Seoul', 'YYYY-MM-DD HH24:MI') "
                    + "from assignment where id = ?", assignment)).isEqualTo("2099-12-31 23:59");
        }

        String page = "courses/" + course + "/assignments/" + assignment;
        try (BrowserSession korean = new BrowserSession(baseUrl, "ko-KR")) {
            korean.resize(390, 844);
            korean.signIn(student, PASSWORD);
            korean.open("courses/" + course);
            assertThat(korean.page.locator("#due-next")).containsText(title);
            korean.open("courses/" + course + "/assignments");
            assertThat(korean.page.locator("#assignment-" + assignment)).containsText("프로그래밍 과제");
            korean.open(page);
            assertThat(korean.page.locator("#assignment-deadline")).containsText("2099. 12. 31. (목) 23:59 (Asia/Seoul)");
            assertThat(korean.page.locator("#handin")).containsText("최대 20MB");

            Locator file = korean.page.locator("#handin-upload input[type=file]");
            file.setInputFiles(new FilePayload("not-a-notebook.ipynb", "application/x-ipynb+json",
                    "print('hello')".getBytes(StandardCharsets.UTF_8)));
            assertThat(korean.page.locator("vaadin-notification-card").last()).containsText(".ipynb");
            assertThat(korean.page.locator("#handin-staged")).containsText("아직 추가한 파일이 없습니다");

            file.setInputFiles(new FilePayload("homework1.ipynb", "application/x-ipynb+json", NOTEBOOK));
            assertThat(korean.page.locator("#handin-staged")).containsText("homework1.ipynb");
            file.setInputFiles(new FilePayload("hostile.ipynb", "application/x-ipynb+json", hostile()));
            assertThat(korean.page.locator("#handin-staged")).containsText("hostile.ipynb");
            korean.page.locator("#handin-link input").fill("http://example.com/notebook");
            korean.page.locator("#handin-submit").click();
            assertThat(korean.page.locator("vaadin-notification-card").last()).containsText("Google Colab");
            korean.page.locator("#handin-link input").fill("https://colab.research.google.com/drive/1abcDEF");
            korean.page.locator("#handin-submit").click();
            korean.settle();
            assertThat(korean.page.locator("#version-1")).containsText("homework1.ipynb");
            assertThat(korean.page.locator("#version-1")).containsText(sha256(NOTEBOOK));
            assertThat(korean.page.locator("#version-1")).containsText("colab.research.google.com/drive/1abcDEF");

            // a second hand-in is a new version; the first stays as it was
            korean.page.locator("#handin-link input").fill("https://github.com/minjun/softmax");
            korean.page.locator("#handin-submit").click();
            korean.settle();
            assertThat(korean.page.locator("#version-2")).containsText("github.com/minjun/softmax");
            assertThat(korean.page.locator("#version-1")).containsText(sha256(NOTEBOOK));
            assertThat(korean.page.locator("#my-grade")).hasCount(0);
            assertNoSidewaysScrolling(korean);
            assertThat(korean.accessibilityProblems()).isEmpty();
            korean.screenshot("coursework-handin-ko-phone");
        }
        assertThat(db.text("select count(*) from submission s join app_user u on u.id = s.user_id "
                + "where s.assignment_id = ? and u.username = ?", assignment, student)).isEqualTo("2");

        // another student sees none of it
        try (BrowserSession other = new BrowserSession(baseUrl, "en-US")) {
            other.signIn(otherStudent, PASSWORD);
            other.open(page);
            assertThat(other.page.locator("#versions")).containsText("Nothing handed in yet");
            other.open(page + "/submissions");
            assertThat(other.page.locator("#submissions-grid")).hasCount(0);
        }

        try (BrowserSession grader = new BrowserSession(baseUrl, "en-US")) {
            grader.signIn("admin", ItResource.ADMIN_PASSWORD);
            grader.open(page + "/submissions");
            Locator row = grader.page.locator("#submissions-grid vaadin-grid-cell-content")
                    .filter(new Locator.FilterOptions().setHasText(student));
            assertThat(row).hasCount(1);
            row.click();
            assertThat(grader.page.locator("#submission-detail-name")).containsText("김민준");
            assertThat(grader.page.locator("#submission-detail #version-1")).containsText("homework1.ipynb");

            // the notebook reads in the page: markdown with typeset math, code and its output
            List<String> dialogs = new CopyOnWriteArrayList<>();
            grader.page.onDialog(dialog -> {
                dialogs.add(dialog.message());
                dialog.dismiss();
            });
            grader.page.locator("#submission-detail #version-1 .cw-file").filter(new Locator.FilterOptions()
                    .setHasText("homework1.ipynb")).locator("vaadin-button").click();
            Locator notebook = grader.page.locator("#notebook-view");
            assertThat(notebook).containsText("Homework 1: Softmax classifier");
            assertThat(notebook).containsText("3072");
            assertThat(notebook.locator(".katex").first()).isVisible();
            assertThat(grader.accessibilityProblems()).isEmpty();
            // a notebook that carries scripts and handlers shows its text, and nothing of it runs
            grader.page.locator("#submission-detail #version-1 .cw-file").filter(new Locator.FilterOptions()
                    .setHasText("hostile.ipynb")).locator("vaadin-button").click();
            grader.settle();
            assertThat(notebook.locator("script, iframe, object, embed")).hasCount(0);
            assertThat(notebook.locator("[onclick], [onerror], [onload]")).hasCount(0);
            grader.page.waitForTimeout(500);
            assertThat(dialogs).isEmpty();
            grader.page.locator("#grade-points input").fill("8.5");
            grader.page.locator("#grade-feedback textarea").fill("Good work — check the **learning rate**.");
            grader.page.locator("#grade-save").click();
            grader.settle();
            assertThat(grader.page.locator("vaadin-notification-card").last()).containsText("8.50");
            assertThat(grader.accessibilityProblems()).isEmpty();
            grader.screenshot("coursework-grading-en");

            Download zip = grader.page.waitForDownload(() -> grader.page.locator("#submissions-zip").click());
            Map<String, byte[]> entries = unzip(zip);
            assertThat(entries).containsKey(student + "_김민준/v2/link.txt");
            assertThat(entries.get("receipts.csv")).isNotNull();
            assertThat(new String(entries.get("receipts.csv"), StandardCharsets.UTF_8))
                    .doesNotContain(otherStudent);
        }

        // not released yet: the student sees no grade
        try (BrowserSession korean = new BrowserSession(baseUrl, "ko-KR")) {
            korean.signIn(student, PASSWORD);
            korean.open(page);
            assertThat(korean.page.locator("#my-grade")).hasCount(0);
        }
        try (BrowserSession grader = new BrowserSession(baseUrl, "en-US")) {
            grader.signIn("admin", ItResource.ADMIN_PASSWORD);
            grader.open(page + "/submissions");
            grader.page.locator("#grades-release").click();
            assertThat(grader.page.locator("vaadin-notification-card").last()).containsText("1 grade released");
        }
        try (BrowserSession korean = new BrowserSession(baseUrl, "ko-KR")) {
            korean.signIn(student, PASSWORD);
            korean.open(page);
            assertThat(korean.page.locator("#my-grade-points")).containsText("8.50 / 10점");
            assertThat(korean.page.locator("#my-grade-feedback strong")).containsText("learning rate");
            korean.page.locator("#regrade-reason textarea").fill("2번 문제의 손실 계산을 다시 봐 주세요.");
            korean.page.locator("#regrade-ask").click();
            korean.settle();
            assertThat(korean.page.locator("#my-grade")).containsText("답변 대기 중");
            assertThat(korean.accessibilityProblems()).isEmpty();
        }
    }

    static void assertNoSidewaysScrolling(BrowserSession browser) {
        Object overflow = browser.page.evaluate("() => document.documentElement.scrollWidth - "
                + "document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("sideways overflow in px").isLessThanOrEqualTo(0);
    }

    private static Map<String, byte[]> unzip(Download download) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(download.path()); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] hostile() throws IOException {
        try (InputStream in = CourseworkBrowserIT.class.getResourceAsStream("/notebooks/hostile.ipynb")) {
            return in.readAllBytes();
        }
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
