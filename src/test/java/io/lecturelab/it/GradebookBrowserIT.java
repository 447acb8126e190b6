package io.lecturelab.it;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.Page;
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
 * The gradebook in a real browser, in English at 1366 px and in Korean at 390 px: an instructor lays it out (the
 * weights' sum said plainly), staff enter scores from the keyboard, paste a column, correct a score with a reason
 * and read its history, and are told when someone else changed a cell first (the typed value stays); a student sees
 * only their own grades, how they were computed and what the final needs. Every state is checked for sideways
 * scrolling and by axe.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ItResource.class, restrictToAnnotatedClass = true)
class GradebookBrowserIT {

    private static final String PASSWORD = "gradebook-password";

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
        course = db.course("gradebook-" + tag, "Gradebook course");
        instructor = "prof" + tag;
        db.member(course, db.user(instructor, "Professor Song", PASSWORD), "INSTRUCTOR");
        ta = "ta" + tag;
        db.member(course, db.user(ta, "조교 김", PASSWORD), "TA");
    }

    @Test
    void staff_lay_out_the_gradebook_enter_paste_and_correct_scores_and_read_the_history() {
        long ann = student("Ann Lee", "01");
        long ben = student("Ben Park", "02");
        long cho = student("조민서", "03");
        try (BrowserSession laptop = new BrowserSession(baseUrl, "en-US")) {
            laptop.resize(1366, 900);
            laptop.signIn(instructor, PASSWORD).open("courses/" + course + "/gradebook");
            tab(laptop, "Categories and items").click();
            laptop.settle();
            laptop.page.locator("#gradebook-category-add").click();
            laptop.page.locator("#gradebook-category-add").click();
            laptop.settle();
            laptop.page.locator("#gradebook-category-name-1 input").fill("Exams");
            laptop.page.locator("#gradebook-category-weight-1 input").fill("60");
            laptop.page.locator("#gradebook-category-name-2 input").fill("Homework");
            laptop.page.locator("#gradebook-category-weight-2 input").fill("30");
            laptop.settle();
            assertThat(laptop.page.locator("#gradebook-weight-sum")).hasText("Adds up to 90 — must be 100");
            laptop.page.locator("#gradebook-categories-save").click();
            laptop.settle();
            assertThat(laptop.page.locator("vaadin-notification-card[theme~=error]").last()).containsText("add up to 90");
            assertThat(db.text("select count(*) from gradebook_category where course_id = ?", course)).isEqualTo("0");
            checkPage(laptop, "gradebook-layout-laptop-en");
            laptop.page.locator("#gradebook-category-weight-2 input").fill("40");
            laptop.settle();
            assertThat(laptop.page.locator("#gradebook-weight-sum")).hasText("Adds up to 100%");
            laptop.page.locator("#gradebook-categories-reason input").fill("Syllabus");
            laptop.page.locator("#gradebook-categories-save").click();
            laptop.settle();
            addItem(laptop, "Midterm", "100");
            addItem(laptop, "Final exam", "100");
            assertThat(db.text("select count(*) from gradebook_layout_change where course_id = ?", course))
                    .isEqualTo("4");

            tab(laptop, "Scores").click();
            laptop.settle();
            long midterm = item("Midterm");
            long fin = item("Final exam");
            // keyboard: type into the focused cell, Enter saves and moves down
            cell(laptop, ann, midterm).click();
            laptop.page.keyboard().type("70");
            laptop.page.keyboard().press("Enter");
            laptop.settle();
            laptop.page.keyboard().type("85.5");
            laptop.page.keyboard().press("Enter");
            laptop.settle();
            assertThat(score(midterm, ann)).isEqualTo("70.00");
            assertThat(score(midterm, ben)).isEqualTo("85.50");
            assertThat(cell(laptop, ben, midterm)).hasText("85.5");
            // Escape cancels
            laptop.page.keyboard().type("99");
            laptop.page.keyboard().press("Escape");
            laptop.settle();
            assertThat(cell(laptop, cho, midterm)).hasText("");
            assertThat(db.text("select count(*) from gradebook_score where user_id = ?", cho)).isEqualTo("0");
            // x excuses, after saying why
            laptop.page.keyboard().type("x");
            laptop.page.keyboard().press("Enter");
            laptop.settle();
            laptop.page.locator("#gradebook-reason textarea").fill("Medical certificate");
            laptop.page.locator("#gradebook-reason-save").click();
            laptop.settle();
            assertThat(db.text("select excused from gradebook_score where item_id = ? and user_id = ?", midterm,
                    cho)).isEqualTo("t");
            assertThat(cell(laptop, cho, midterm)).hasText("excused");
            // arrows move back up; a correction asks for a reason and lands in the cell's history
            cell(laptop, cho, midterm).click();
            laptop.page.keyboard().press("ArrowUp");
            laptop.page.keyboard().press("ArrowUp");
            laptop.page.keyboard().type("75");
            laptop.page.keyboard().press("Enter");
            laptop.settle();
            assertThat(laptop.page.locator("#gradebook-reason-change")).hasText("Midterm of Ann Lee: 70 → 75");
            checkPage(laptop, "gradebook-reason-laptop-en");
            laptop.page.locator("#gradebook-reason textarea").fill("Question 3 was marked wrongly");
            laptop.page.locator("#gradebook-reason-save").click();
            laptop.settle();
            assertThat(score(midterm, ann)).isEqualTo("75.00");
            cell(laptop, ann, midterm).focus();
            assertThat(laptop.page.locator("#gradebook-history-heading")).hasText("History: Midterm · Ann Lee");
            assertThat(laptop.page.locator("#gradebook-history")).containsText("70 → 75");
            assertThat(laptop.page.locator("#gradebook-history")).containsText("Question 3 was marked wrongly");
            assertThat(laptop.page.locator("#gradebook-history")).containsText("Professor Song");

            // a column pasted from a spreadsheet fills down from the focused cell in one change
            cell(laptop, ann, fin).click();
            paste(laptop, "90\r\n80\r\n70\r\n");
            laptop.settle();
            assertThat(laptop.page.locator("vaadin-notification-card[theme~=success]").last()).containsText("3 score(s)");
            assertThat(score(fin, ann)).isEqualTo("90.00");
            assertThat(score(fin, ben)).isEqualTo("80.00");
            assertThat(score(fin, cho)).isEqualTo("70.00");
            // a pasted column with a bad line saves nothing and keeps what was pasted in view
            cell(laptop, ann, fin).click();
            paste(laptop, "91\nabc\n");
            laptop.settle();
            assertThat(laptop.page.locator("vaadin-notification-card[theme~=error]").last())
                    .containsText("Line 2 of the pasted column");
            assertThat(cell(laptop, ben, fin)).hasText("abc");
            assertThat(score(fin, ann)).isEqualTo("90.00");

            // the subtotal and the weighted total with the categories it covers
            assertThat(row(laptop, ann)).containsText("82.5%");
            assertThat(row(laptop, ann)).containsText("over Exams · 60% of the grade");
            checkPage(laptop, "gradebook-sheet-laptop-en");

            // someone else changes Ben's midterm meanwhile: refused, the typed value stays in the cell
            db.text("update gradebook_score set points = 60, version = version + 1 where item_id = ? and user_id = ?"
                    + " returning id", midterm, ben);
            cell(laptop, ben, midterm).click();
            laptop.page.keyboard().type("88");
            laptop.page.keyboard().press("Enter");
            laptop.settle();
            laptop.page.locator("#gradebook-reason textarea").fill("Recount");
            laptop.page.locator("#gradebook-reason-save").click();
            laptop.settle();
            assertThat(laptop.page.locator("vaadin-notification-card[theme~=error]").last())
                    .containsText("changed by someone else");
            assertThat(cell(laptop, ben, midterm)).hasText("88");
            assertThat(cell(laptop, ben, midterm)).hasClass(java.util.regex.Pattern.compile("gb-refused"));
            assertThat(score(midterm, ben)).isEqualTo("60.00");
            checkPage(laptop, "gradebook-stale-laptop-en");
            // Enter on the refused cell edits the kept value; saving it now works
            cell(laptop, ben, midterm).focus();
            laptop.page.keyboard().press("Enter");
            laptop.page.keyboard().press("Enter");
            laptop.settle();
            laptop.page.locator("#gradebook-reason textarea").fill("Recount");
            laptop.page.locator("#gradebook-reason-save").click();
            laptop.settle();
            assertThat(score(midterm, ben)).isEqualTo("88.00");
        }

        // a teaching assistant on a phone, in Korean: the sheet scrolls in its own box, the layout tab is not there
        try (BrowserSession phone = new BrowserSession(baseUrl, "ko-KR")) {
            phone.resize(390, 844);
            phone.signIn(ta, PASSWORD).open("courses/" + course + "/gradebook");
            assertThat(phone.page.locator("vaadin-tab")).hasCount(2);
            long midterm = item("Midterm");
            db.text("delete from gradebook_score where item_id = ? and user_id = ? returning id", midterm, cho);
            phone.open("courses/" + course + "/gradebook");
            cell(phone, cho, midterm).click();
            phone.page.keyboard().type("64");
            phone.page.keyboard().press("Enter");
            phone.settle();
            assertThat(score(midterm, cho)).isEqualTo("64.00");
            cell(phone, cho, midterm).focus();
            assertThat(phone.page.locator("#gradebook-history-heading")).hasText("기록: Midterm · 조민서");
            checkPage(phone, "gradebook-sheet-phone-ko");
            tab(phone, "변경 기록").click();
            phone.settle();
            assertThat(phone.page.locator("#gradebook-layout-history")).containsText("범주 추가");
            checkPage(phone, "gradebook-changes-phone-ko");
        }
    }

    @Test
    void a_student_sees_only_their_own_grades_how_they_were_computed_and_what_the_final_needs() {
        long ann = student("Ann Lee", "01");
        long ben = student("Ben Park", "02");
        String annName = db.text("select username from app_user where id = ?", ann);
        db.text("insert into gradebook (course_id, created_at) values (?, now()) returning course_id", course);
        long exams = Long.parseLong(db.text("insert into gradebook_category (course_id, name, weight, position) "
                + "values (?, 'Exams', 60, 1) returning id", course));
        long homework = Long.parseLong(db.text("insert into gradebook_category (course_id, name, weight, position) "
                + "values (?, 'Homework', 40, 2) returning id", course));
        long midterm = newItem(exams, "Midterm", 100, 1);
        newItem(exams, "Final exam", 100, 2);
        long quiz = newItem(homework, "Quiz", 10, 3);
        mark(midterm, ann, "70");
        mark(quiz, ann, "8");
        mark(midterm, ben, "95");
        mark(quiz, ben, "3");

        try (BrowserSession phone = new BrowserSession(baseUrl, "ko-KR")) {
            phone.resize(390, 844);
            phone.signIn(annName, PASSWORD).open("courses/" + course + "/grades");
            // Exams 70 % (the final is not graded yet), Homework 80 %: (60 × 70 + 40 × 80) / 100 = 74 %
            assertThat(phone.page.locator("#grades-total")).containsText("현재 총점: 74%");
            assertThat(phone.page.locator("#grades-category-" + exams)).containsText("소계 70% = 70/100 × 100");
            assertThat(phone.page.locator("#grades-pending")).containsText("Final exam");
            assertThat(phone.page.locator("main, body").first()).not().containsText("Ben Park");
            assertThat(phone.page.locator("#grades-category-" + exams)).not().containsText("95");
            phone.page.locator("#grades-what-if-target input").fill("80");
            phone.page.locator("#grades-what-if-go").click();
            phone.settle();
            assertThat(phone.page.locator("#grades-what-if-answer"))
                    .hasText("총점 80%에 이르려면 Final exam에서 100점 중 90점이 필요합니다.");
            checkPage(phone, "grades-phone-ko");
            // the staff gradebook is not theirs
            phone.open("courses/" + course + "/gradebook");
            assertThat(phone.page.locator(".access-denied-reason")).hasCount(1);
        }
        try (BrowserSession laptop = new BrowserSession(baseUrl, "en-US")) {
            laptop.resize(1366, 900);
            laptop.signIn(annName, PASSWORD).open("courses/" + course + "/grades");
            assertThat(laptop.page.locator("#grades-total")).containsText("Total so far: 74%");
            assertThat(laptop.page.locator("#grades-total")).containsText("over Exams, Homework · 100% of the grade");
            assertThat(laptop.page.locator("#grades-total")).containsText("(60 × 70% + 40 × 80%) ÷ 100");
            laptop.page.locator("#grades-what-if-target input").fill("99");
            laptop.page.locator("#grades-what-if-go").click();
            laptop.settle();
            assertThat(laptop.page.locator("#grades-what-if-answer"))
                    .hasText("Even full points on Final exam do not reach 99%.");
            checkPage(laptop, "grades-laptop-en");
        }
    }


    @Test
    void a_score_file_is_previewed_line_by_line_and_applied_all_or_nothing() {
        long ann = student("Ann Lee", "01");
        long ben = student("Ben Park", "02");
        String annNumber = db.text("select student_id from app_user where id = ?", ann);
        String benNumber = db.text("select student_id from app_user where id = ?", ben);
        db.text("insert into gradebook (course_id, created_at) values (?, now()) returning course_id", course);
        long exams = Long.parseLong(db.text("insert into gradebook_category (course_id, name, weight, position) "
                + "values (?, 'Exams', 100, 1) returning id", course));
        long midterm = newItem(exams, "Midterm", 100, 1);
        mark(midterm, ben, "50");
        String bad = "student number,item,points\n" + annNumber + ",Midterm,70\n" + benNumber + ",Midterm,101\n"
                + "nobody,Midterm,3\n";
        String good = "student number,item,points\n" + annNumber + ",Midterm,70\n" + benNumber + ",Midterm,55\n";
        try (BrowserSession phone = new BrowserSession(baseUrl, "ko-KR")) {
            phone.resize(390, 844);
            phone.signIn(ta, PASSWORD).open("courses/" + course + "/gradebook");
            phone.page.locator("#gradebook-import vaadin-details-summary").click();
            upload(phone, bad);
            assertThat(phone.page.locator("#gradebook-import-problems")).containsText("3번째 줄");
            assertThat(phone.page.locator("#gradebook-import-problems")).containsText("4번째 줄");
            assertThat(phone.page.locator("#gradebook-import-apply")).hasCount(0);
            checkPage(phone, "gradebook-import-refused-phone-ko");
        }
        assertThat(score(midterm, ann)).isNull();
        try (BrowserSession laptop = new BrowserSession(baseUrl, "en-US")) {
            laptop.resize(1366, 900);
            laptop.signIn(ta, PASSWORD).open("courses/" + course + "/gradebook");
            laptop.page.locator("#gradebook-import vaadin-details-summary").click();
            upload(laptop, good);
            assertThat(laptop.page.locator("#gradebook-import-changes")).containsText("Line 3: " + benNumber
                    + " Ben Park · Midterm: 50 → 55");
            checkPage(laptop, "gradebook-import-preview-laptop-en");
            // a correction needs its reason: refused without one, nothing changes
            laptop.page.locator("#gradebook-import-apply").click();
            laptop.settle();
            assertThat(laptop.page.locator("#gradebook-import-reason")).hasAttribute("invalid", "");
            assertThat(score(midterm, ann)).isNull();
            laptop.page.locator("#gradebook-import-reason input").fill("Scanned answer sheets");
            laptop.page.locator("#gradebook-import-apply").click();
            laptop.settle();
            assertThat(laptop.page.locator("vaadin-notification-card[theme~=success]").last())
                    .containsText("2 score(s) saved");
            assertThat(cell(laptop, ben, midterm)).hasText("55");
        }
        assertThat(score(midterm, ann)).isEqualTo("70.00");
        assertThat(score(midterm, ben)).isEqualTo("55.00");
        assertThat(db.text("select reason || ' ' || via from gradebook_score_change where item_id = ? and user_id = ?"
                + " order by id desc limit 1", midterm, ben)).isEqualTo("Scanned answer sheets IMPORT");
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** A student of the course with a student number ending in {@code number}; returns the user id. */
    private long student(String name, String number) {
        String username = "20" + tag + number;
        long id = db.user(username, name, PASSWORD);
        db.text("update app_user set student_id = ? where id = ? returning id", username, id);
        db.member(course, id, "STUDENT");
        return id;
    }

    private long newItem(long category, String title, int max, int position) {
        return Long.parseLong(db.text("insert into gradebook_item (course_id, category_id, title, source, max_points,"
                + " weight, position) values (?, ?, ?, 'ENTERED', ?, 1, ?) returning id", course, category, title,
                max, position));
    }

    private void mark(long item, long student, String points) {
        db.text("insert into gradebook_score (item_id, user_id, points, updated_at) values (?, ?, ?::numeric, now())"
                + " returning id", item, student, points);
    }

    private long item(String title) {
        return Long.parseLong(db.text("select id from gradebook_item where course_id = ? and title = ? "
                + "and removed_at is null", course, title));
    }

    private String score(long item, long student) {
        return db.text("select coalesce(points::text, '') from gradebook_score where item_id = ? and user_id = ?",
                item, student);
    }

    private void addItem(BrowserSession session, String title, String max) {
        session.page.locator("#gradebook-item-add").click();
        session.settle();
        session.page.locator("#gradebook-item-title input").fill(title);
        session.page.locator("#gradebook-item-max input").fill(max);
        session.page.locator("#gradebook-item-save").click();
        session.settle();
    }

    private static void upload(BrowserSession session, String csv) {
        session.page.locator("#gradebook-import-upload input[type=file]").setInputFiles(new FilePayload("scores.csv",
                "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        session.settle();
        session.page.locator("#gradebook-import-result p").first().waitFor();
    }

    private static Locator tab(BrowserSession session, String name) {
        return session.page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(name));
    }

    private static Locator cell(BrowserSession session, long student, long item) {
        return session.page.locator("td[data-row='u" + student + "'][data-col='i" + item + "']");
    }

    private static Locator row(BrowserSession session, long student) {
        return session.page.locator("tr:has(td[data-row='u" + student + "'])");
    }

    /** What a spreadsheet's copied column does: a paste event with tab- and line-separated text. */
    private static void paste(BrowserSession session, String text) {
        session.page.evaluate("text => { const dt = new DataTransfer(); dt.setData('text/plain', text);"
                + " document.activeElement.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt,"
                + " bubbles: true, cancelable: true})); }", text);
    }

    private static void checkPage(BrowserSession session, String screenshot) {
        assertNoSidewaysScroll(session);
        assertThat(session.accessibilityProblems()).isEmpty();
        session.screenshot(screenshot);
    }

    /** Neither the page nor the layout's content area scrolls sideways (the sheet scrolls in its own box). */
    private static void assertNoSidewaysScroll(BrowserSession session) {
        Object overflow = session.page.evaluate("() => { const c = document.querySelector('vaadin-app-layout')"
                + ".shadowRoot.querySelector('[content]'); return Math.max(0, c.scrollWidth - c.clientWidth,"
                + " document.documentElement.scrollWidth - window.innerWidth); }");
        assertThat(((Number) overflow).intValue()).as("sideways overflow in px").isLessThanOrEqualTo(0);
    }
}
