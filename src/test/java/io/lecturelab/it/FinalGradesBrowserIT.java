package io.lecturelab.it;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import io.lecturelab.testsupport.AppDatabase;
import io.lecturelab.testsupport.BrowserSession;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The final grades page in a real browser against the packaged app, at 390 px and 1366 px, in Korean and English:
 * an instructor sees the histogram with its cut-offs and a broken quota, changes a cut-off (a bad number is refused
 * and changes nothing), and downloads the scores CSV, the sheet as CSV and as XLSX (each opened and read); a teaching
 * assistant reads without the editor. Every state is checked for sideways scrolling and by axe.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ItResource.class, restrictToAnnotatedClass = true)
class FinalGradesBrowserIT {

    private static final String PASSWORD = "letters-password";
    /** 19 totals (one exam worth 100 % of the grade) and one student with none. */
    private static final String[] TOTALS = {"98", "96", "95", "93", "92", "91", "90.5", "90", "90", "88", "85", "84",
            "80", "77", "72", "66", "61", "55", "40"};

    @TestHTTPResource("/")
    URL root;

    private String baseUrl;
    private AppDatabase db;
    private long course;
    private String tag;
    private String instructor;
    private String ta;
    private String page;
    private final List<String> numbers = new ArrayList<>();

    @BeforeEach
    void course() {
        baseUrl = root.toString();
        db = new AppDatabase(PostgresResource.jdbcUrl());
        tag = UUID.randomUUID().toString().substring(0, 5);
        course = db.course("letters-" + tag, "딥러닝 기초");
        page = "courses/" + course + "/gradebook/final";
        instructor = "prof" + tag;
        db.member(course, db.user(instructor, "송교수", PASSWORD), "INSTRUCTOR");
        ta = "ta" + tag;
        db.member(course, db.user(ta, "Teaching Assistant", PASSWORD), "TA");
        db.text("insert into gradebook (course_id, created_at) values (?, now()) returning course_id", course);
        long exam = Long.parseLong(db.text("insert into gradebook_category (course_id, name, weight, position) "
                + "values (?, 'Exam', 100, 1) returning id", course));
        long item = Long.parseLong(db.text("insert into gradebook_item (course_id, category_id, title, source, "
                + "max_points, weight, position) values (?, ?, '기말고사', 'ENTERED', 100, 1, 1) returning id",
                course, exam));
        for (int i = 0; i <= TOTALS.length; i++) {
            String number = "20" + tag + String.format("%02d", i);
            long id = db.user(number, i == 0 ? "김민준" : "학생 " + i, PASSWORD);
            db.text("update app_user set student_id = ? where id = ? returning id", number, id);
            db.member(course, id, "STUDENT");
            numbers.add(number);
            if (i < TOTALS.length) {
                db.text("insert into gradebook_score (item_id, user_id, points, updated_at) values (?, ?, ?, now()) "
                        + "returning id", item, id, new BigDecimal(TOTALS[i]));
            }
        }
    }

    @Test
    void an_instructor_sees_the_histogram_and_a_broken_quota_changes_a_cutoff_and_downloads_the_gradebook()
            throws IOException {
        try (BrowserSession phone = new BrowserSession(baseUrl, "ko-KR")) {
            phone.resize(390, 844);
            phone.signIn(instructor, PASSWORD).open(page);
            assertThat(phone.page.locator("h2")).hasText("최종 학점");
            assertThat(phone.page.locator("#fg-summary")).containsText("학생 20명: 19명 채점됨, 1명 아직 채점 전");
            // 9 of 19 in the A range (47 %); 35 % of 19 allows 6
            assertThat(phone.page.locator(".fg-quota-broken")).hasCount(1);
            assertThat(phone.page.locator(".fg-quota-broken")).containsText(
                    "A+~A0: 채점된 학생 19명 중 47%, 최대 35%까지 허용 — 3명 초과.");
            assertThat(phone.page.locator(".fg-quota-ok")).containsText("A+~B0");
            histogramDrawn(phone);
            assertThat(phone.page.locator("vaadin-side-nav-item[path$='gradebook/final']")).hasCount(1);
            checkPage(phone, "final-grades-phone-ko");
            phone.page.locator("#fg-histogram-details vaadin-details-summary").click();
            assertThat(phone.page.locator("#fg-histogram-table")).containsText("90 이상 95 미만");
            checkPage(phone, "final-grades-table-phone-ko");

            Download xlsx = phone.page.waitForDownload(() -> phone.page.locator("#fg-download-xlsx").click());
            assertThat(xlsx.suggestedFilename()).isEqualTo("딥러닝 기초 - 성적부.xlsx");
            List<Row> rows = workbook(xlsx, "성적부");
            assertThat(rows.getFirst().getCellText(0)).isEqualTo("학번");
            assertThat(rows.getFirst().getCellText(2)).isEqualTo("기말고사 (/100)");
            assertThat(rows.getFirst().getCellText(5)).isEqualTo("학점");
            assertThat(row(rows, numbers.getFirst()).getCellText(1)).isEqualTo("김민준");
            assertThat(row(rows, numbers.getLast()).getCellText(5)).isEqualTo("채점 전");
        }

        try (BrowserSession laptop = new BrowserSession(baseUrl, "en-US")) {
            laptop.resize(1366, 900);
            laptop.signIn(instructor, PASSWORD).open(page);
            assertThat(laptop.page.locator(".fg-quota-broken")).containsText(
                    "A+ to A0: 47 % of 19 graded students, at most 35 % allowed — 3 too many.");
            // the 7th best total is 90.5: an A0 cut-off just above it would leave six
            assertThat(laptop.page.locator(".fg-quota-broken")).containsText("A cut-off of 90.51 for A0");
            histogramDrawn(laptop);
            checkPage(laptop, "final-grades-laptop-en");

            // a bad number is refused in the user's language and nothing is saved
            Locator a0 = laptop.page.locator("#fg-cutoffs .fg-row").nth(1).locator(".fg-minimum input");
            a0.fill("abc");
            a0.press("Tab");
            laptop.page.locator("#fg-save").click();
            assertThat(laptop.page.locator("vaadin-notification-card[theme~=error]"))
                    .containsText("“abc” is not a number");
            assertThat(db.text("select count(*) from letter_scale where course_id = ?", course)).isEqualTo("0");
            // letters out of order are refused too
            a0.fill("96");
            a0.press("Tab");
            laptop.page.locator("#fg-save").click();
            assertThat(laptop.page.locator("vaadin-notification-card[theme~=error]").last())
                    .containsText("A0 from 96 is not below A+ from 95");
            assertThat(db.text("select count(*) from letter_scale where course_id = ?", course)).isEqualTo("0");

            a0.fill("92.5");
            a0.press("Tab");
            laptop.page.locator("#fg-save").click();
            laptop.settle();
            assertThat(laptop.page.locator("vaadin-notification-card[theme~=success]"))
                    .containsText("The letter scale was saved.");
            assertThat(db.text("select minimum from letter_cutoff where course_id = ? and letter = 'A0'", course))
                    .isEqualTo("92.50");
            assertThat(db.text("select version from letter_scale where course_id = ?", course)).isEqualTo("1");
            // now 4 in the A range: the quota holds; 92 became B+
            assertThat(laptop.page.locator(".fg-quota-broken")).hasCount(0);
            assertThat(laptop.page.locator(".fg-quota-ok").first()).containsText("A+ to A0: 21 % of 19");
            assertThat(laptop.page.locator("#fg-students tr[data-number='" + numbers.get(4) + "']"))
                    .containsText("B+");
            checkPage(laptop, "final-grades-saved-laptop-en");

            Download scores = laptop.page.waitForDownload(() -> laptop.page.locator("#fg-download-scores").click());
            assertThat(scores.suggestedFilename()).isEqualTo("딥러닝 기초 - scores.csv");
            byte[] csv = bytes(scores);
            assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
            List<String> lines = new String(csv, StandardCharsets.UTF_8).substring(1).lines().toList();
            assertThat(lines.getFirst()).isEqualTo("student number,item,points,excused");
            assertThat(lines).contains(numbers.getFirst() + ",기말고사,98,", numbers.get(6) + ",기말고사,90.5,");
            assertThat(lines).hasSize(1 + TOTALS.length);

            Download sheet = laptop.page.waitForDownload(() -> laptop.page.locator("#fg-download-csv").click());
            assertThat(sheet.suggestedFilename()).isEqualTo("딥러닝 기초 - gradebook.csv");
            byte[] sheetCsv = bytes(sheet);
            assertThat(Arrays.copyOf(sheetCsv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
            String sheetText = new String(sheetCsv, StandardCharsets.UTF_8);
            assertThat(sheetText).contains("Student number,Name,기말고사 (/100),Exam (100 %),Total (%),Letter");
            assertThat(sheetText).contains(numbers.getFirst() + ",김민준,98.00,98.00,98.00,A+");
            assertThat(sheetText).contains(numbers.get(4) + ",학생 4,92.00,92.00,92.00,B+");

            Download xlsx = laptop.page.waitForDownload(() -> laptop.page.locator("#fg-download-xlsx").click());
            List<Row> rows = workbook(xlsx, "Gradebook");
            assertThat(rows).hasSize(1 + numbers.size());
            assertThat(rows.getFirst().getCellText(5)).isEqualTo("Letter");
            Row first = row(rows, numbers.getFirst());
            assertThat(first.getCellText(1)).isEqualTo("김민준");
            assertThat(first.getCellAsNumber(4).map(BigDecimal::stripTrailingZeros)).contains(new BigDecimal("98"));
            assertThat(first.getCellText(5)).isEqualTo("A+");
            assertThat(row(rows, numbers.get(4)).getCellText(5)).isEqualTo("B+");
            assertThat(row(rows, numbers.getLast()).getCellText(5)).isEqualTo("Not graded");
        }
    }

    @Test
    void a_teaching_assistant_reads_the_final_grades_without_the_editor_in_both_languages() {
        for (String locale : new String[] {"en-US", "ko-KR"}) {
            try (BrowserSession session = new BrowserSession(baseUrl, locale)) {
                session.signIn(ta, PASSWORD).open(page);
                assertThat(session.page.locator("#fg-read-only")).isVisible();
                assertThat(session.page.locator("#fg-editor, #fg-save")).hasCount(0);
                assertThat(session.page.locator("#fg-quota-rules")).containsText("35");
                assertThat(session.page.locator("#fg-download-xlsx")).isVisible();
                for (int width : new int[] {390, 1366}) {
                    session.resize(width, 844);
                    histogramDrawn(session);
                    checkPage(session, "final-grades-ta-" + locale + "-" + width);
                }
            }
        }
        try (BrowserSession student = new BrowserSession(baseUrl, "en-US")) {
            student.signIn(numbers.getFirst(), PASSWORD).open(page);
            assertThat(student.page.locator(".access-denied-reason")).isVisible();
            assertThat(student.page.locator("#fg-students")).hasCount(0);
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** The chart drew 20 bins and the 9 cut-offs' lines (8 above 0), with a text alternative. */
    private static void histogramDrawn(BrowserSession session) {
        Locator chart = session.page.locator("#fg-histogram");
        assertThat(chart).hasAttribute("data-bins", "20");
        assertThat(chart).hasAttribute("data-cutoffs", "9");
        assertThat(chart.locator("svg line.cut")).hasCount(8);
        assertThat(chart.locator("svg rect.bar").first()).isAttached();
        assertThat(chart.locator("svg").getAttribute("aria-label")).contains("19");
        Object width = chart.evaluate("e => e.getBoundingClientRect().width");
        assertThat(((Number) width).doubleValue()).isGreaterThan(200);
    }

    private static byte[] bytes(Download download) throws IOException {
        return Files.readAllBytes(download.path());
    }

    private static List<Row> workbook(Download download, String sheetName) throws IOException {
        try (InputStream in = Files.newInputStream(download.path());
             ReadableWorkbook book = new ReadableWorkbook(in)) {
            assertThat(book.getFirstSheet().getName()).isEqualTo(sheetName);
            return book.getFirstSheet().read();
        }
    }

    private static Row row(List<Row> rows, String number) {
        return rows.stream().filter(r -> number.equals(r.getCellText(0))).findFirst().orElseThrow();
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
