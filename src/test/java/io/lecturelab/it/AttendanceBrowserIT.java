package io.lecturelab.it;

import com.microsoft.playwright.Locator;
import io.lecturelab.testsupport.AppDatabase;
import io.lecturelab.testsupport.BrowserSession;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attendance in a real browser against the packaged app: staff open a check-in code on the projector page, a
 * student types it on a phone (390 px) and is marked present, a second try, a wrong code and an expired code are
 * refused in the student's language, and staff see the mark on the sheet; the sheet is filled from the keyboard, and
 * a mark another teaching assistant changed meanwhile is not overwritten. Korean and English, every state checked
 * for sideways scrolling and by axe.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ItResource.class, restrictToAnnotatedClass = true)
class AttendanceBrowserIT {

    private static final String PASSWORD = "attendance-password";

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
        course = db.course("attendance-" + tag, "Attendance course");
        instructor = "prof" + tag;
        db.member(course, db.user(instructor, "송교수", PASSWORD), "INSTRUCTOR");
        ta = "ta" + tag;
        db.member(course, db.user(ta, "Teaching Assistant Kim", PASSWORD), "TA");
    }

    @Test
    void a_student_checks_in_on_a_phone_with_the_projected_code_once_and_staff_see_the_mark() {
        String kim = student("김민준", "01");
        String lee = student("Lee Seoyeon", "02");
        long live = session("Live class: backpropagation", "now() - interval '2 minutes'");
        String code;
        try (BrowserSession projector = new BrowserSession(baseUrl, "en-US")) {
            projector.resize(1366, 900);
            projector.signIn(instructor, PASSWORD).open("courses/" + course + "/attendance/code");
            assertThat(projector.page.locator("#check-in-code")).hasText("No code is open");
            projector.page.locator("#open-new-code").click();
            projector.settle();
            Locator shown = projector.page.locator("#check-in-code");
            assertThat(shown).hasText(Pattern.compile("[A-Z0-9]{3} [A-Z0-9]{3}"));
            code = shown.innerText().strip();
            assertThat(projector.page.locator("#code-time-left")).hasText(Pattern.compile("[45]:[0-9]{2} left"));
            assertThat(projector.page.locator("#projector")).containsText("Live class: backpropagation");
            // readable across a room: the code is drawn at least 60 px high on a laptop
            assertThat(((Number) shown.evaluate("e => e.getBoundingClientRect().height")).doubleValue())
                    .isGreaterThan(60);
            checkPage(projector, "attendance-projector-en");

            try (BrowserSession phone = new BrowserSession(baseUrl, "ko-KR")) {
                phone.resize(390, 844);
                phone.signIn(kim, PASSWORD).open("courses/" + course + "/attendance/me");
                assertThat(phone.page.locator("#attendance-rule")).containsText("지각 0.5점");
                checkIn(phone, code.toLowerCase().replace(" ", ""));
                assertThat(phone.page.locator("#check-in-outcome")).containsText("출석 체크했습니다: 출석");
                assertThat(phone.page.locator("#check-in-outcome")).hasAttribute("data-result", "accepted");
                assertThat(phone.page.locator("#my-attendance .att-line[data-session='" + live + "'] .att-status"))
                        .hasText("출석");
                assertThat(phone.page.locator("#my-total")).containsText("1점 중 1점 (100%)");
                checkPage(phone, "attendance-checked-in-phone-ko");

                // a second try with the same code, and a code that does not exist
                checkIn(phone, code);
                assertThat(phone.page.locator("#check-in-outcome")).containsText("이미");
                assertThat(phone.page.locator("#check-in-outcome")).hasAttribute("data-result", "refused");
                checkIn(phone, "ZZZZZZ");
                assertThat(phone.page.locator("#check-in-outcome")).containsText("일치하는 출석 코드가 없습니다");
                checkPage(phone, "attendance-refused-phone-ko");
                // the staff's pages are not a student's
                for (String staffPage : new String[] {"attendance", "attendance/code"}) {
                    phone.open("courses/" + course + "/" + staffPage);
                    assertThat(phone.page.locator(".access-denied-reason")).hasCount(1);
                }
            }
            // the projector counts the check-in by itself
            assertThat(projector.page.locator("#check-in-count")).hasText("One student has checked in");
        }
        assertThat(db.text("select status || ' ' || via from attendance_mark m join app_user u on u.id = m.user_id"
                + " where m.session_id = ? and u.username = ?", live, kim)).isEqualTo("PRESENT CODE");

        // the code expires: a student who is too late is refused
        db.text("update check_in_code set opened_at = opened_at - interval '10 minutes', expires_at = now()"
                + " - interval '1 second' where session_id = ? returning id", live);
        try (BrowserSession phone = new BrowserSession(baseUrl, "en-US")) {
            phone.resize(390, 844);
            phone.signIn(lee, PASSWORD).open("courses/" + course + "/attendance/me");
            checkIn(phone, code);
            assertThat(phone.page.locator("#check-in-outcome")).containsText("That code has expired");
            checkPage(phone, "attendance-expired-phone-en");
        }
        assertThat(db.text("select count(*) from check_in where session_id = ?", live)).isEqualTo("1");

        // staff see the mark and the points on the sheet, in both languages
        try (BrowserSession sheet = new BrowserSession(baseUrl, "en-US")) {
            sheet.resize(1366, 900);
            sheet.signIn(ta, PASSWORD).open("courses/" + course + "/attendance");
            assertRow(sheet, "김민준", "| P |", "1 of 1 points (100 %)");
            assertRow(sheet, "Lee Seoyeon", "0 of 1 points (0 %)");
            checkPage(sheet, "attendance-sheet-en");
            sheet.open("courses/" + course + "/attendance/me");
            assertThat(sheet.page.locator(".access-denied-reason")).hasCount(1);
        }
    }

    @Test
    void staff_fill_the_sheet_from_the_keyboard_and_a_mark_changed_meanwhile_is_not_overwritten() {
        String first = student("Ahn Jiho", "01");
        String second = student("Baek Minji", "02");
        String third = student("최유나", "03");
        long monday = session("Recorded lecture 3", "now() - interval '1 day'");
        long tuesday = session("Live class 3", "now() - interval '1 hour'");
        try (BrowserSession korean = new BrowserSession(baseUrl, "ko-KR");
             BrowserSession english = new BrowserSession(baseUrl, "en-US")) {
            korean.resize(390, 844);
            korean.signIn(instructor, PASSWORD).open("courses/" + course + "/attendance");
            english.resize(1366, 900);
            english.signIn(ta, PASSWORD).open("courses/" + course + "/attendance");

            // from the first student's name, right into the first session, then P, L, 3 down the column
            cellOf(english, "Ahn Jiho").click();
            english.page.keyboard().press("ArrowRight");
            for (String key : new String[] {"p", "l", "3"}) {
                english.page.keyboard().press(key);
                english.settle();
            }
            assertThat(mark(monday, first)).isEqualTo("PRESENT");
            assertThat(mark(monday, second)).isEqualTo("LATE");
            assertThat(mark(monday, third)).isEqualTo("ABSENT");
            assertRow(english, "Baek Minji", "| L |");
            // the focus stayed on the last student: back up to the first one and clear the mark
            english.page.keyboard().press("ArrowUp");
            english.page.keyboard().press("ArrowUp");
            english.page.keyboard().press("Delete");
            english.settle();
            assertThat(mark(monday, first)).isNull();
            assertThat(english.page.locator("#focused-cell")).containsText("Ahn Jiho");
            english.page.locator("#cell-history").click();
            assertThat(english.page.locator("#history-list li")).hasCount(2);
            assertThat(english.page.locator("#history-list")).containsText("not marked → Present");
            assertThat(english.page.locator("#history-list")).containsText("Present → not marked");
            assertThat(english.accessibilityProblems()).isEmpty();
            english.screenshot("attendance-history-en");
            english.page.keyboard().press("Escape");

            // the instructor's page was loaded before any mark: a mark typed there over the teaching assistant's is
            // refused, and the sheet then shows the teaching assistant's mark
            cellOf(korean, "Baek Minji").click();
            korean.page.keyboard().press("ArrowRight");
            korean.page.keyboard().press("a");
            korean.settle();
            assertThat(korean.page.locator("vaadin-notification-card[theme~=error]")).containsText("다른 사람이");
            assertThat(mark(monday, second)).isEqualTo("LATE");
            assertRow(korean, "Baek Minji", "| 지 |");
            checkPage(korean, "attendance-sheet-phone-ko");

            // "mark all present" fills the Tuesday column's empty cells only
            db.text("insert into attendance_mark (session_id, user_id, status, via, updated_at) select ?, id,"
                    + " 'EXCUSED', 'STAFF', now() from app_user where username = ? returning id", tuesday, third);
            english.page.locator("#attendance-session").click();
            english.page.locator("vaadin-select-item[role=option]:visible")
                    .filter(new Locator.FilterOptions().setHasText("Live class 3")).click();
            english.page.locator("#mark-all-present").click();
            english.settle();
            assertThat(english.page.locator("vaadin-notification-card[theme~=success]"))
                    .containsText("2 students were marked present");
            assertThat(mark(tuesday, first)).isEqualTo("PRESENT");
            assertThat(mark(tuesday, third)).isEqualTo("EXCUSED");
            checkPage(english, "attendance-sheet-keyboard-en");
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** A student of the course with a student number ending in {@code number}; returns the user name. */
    private String student(String name, String number) {
        String username = "20" + tag + number;
        long id = db.user(username, name, PASSWORD);
        db.text("update app_user set student_id = ? where id = ? returning id", username, id);
        db.member(course, id, "STUDENT");
        return username;
    }

    /** An extra session of the course starting at {@code startsAt} (an SQL expression). */
    private long session(String title, String startsAt) {
        return Long.parseLong(db.text("insert into class_session (course_id, kind, title, starts_at, created_at)"
                + " values (?, 'EXTRA', ?, " + startsAt + ", now()) returning id", course, title));
    }

    private String mark(long session, String username) {
        return db.text("select m.status from attendance_mark m join app_user u on u.id = m.user_id"
                + " where m.session_id = ? and u.username = ?", session, username);
    }

    private static void checkIn(BrowserSession phone, String code) {
        phone.page.locator("#check-in-field input").fill(code);
        phone.page.locator("#check-in").click();
        phone.settle();
    }

    /** The grid's cell that shows the student's name. */
    private static Locator cellOf(BrowserSession session, String name) {
        return session.page.locator("#attendance-sheet vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions().setHasText(name));
    }

    /** The texts of the grid row that holds the student's name, cell by cell (" | " between cells). */
    private static String rowText(BrowserSession session, String name) {
        return String.valueOf(session.page.evaluate("""
                name => { const grid = document.querySelector('#attendance-sheet');
                  const cell = [...grid.querySelectorAll('vaadin-grid-cell-content')]
                      .find(c => c.textContent.includes(name));
                  if (!cell || !cell.assignedSlot) return '';
                  const tr = cell.assignedSlot.closest('tr');
                  return [...tr.querySelectorAll('slot')].map(s => s.assignedElements().map(e => e.textContent)
                      .join('')).join(' | '); }""", name));
    }

    /** Waits (up to 10 s) until the student's row shows every one of {@code expected}. */
    private static void assertRow(BrowserSession session, String name, String... expected) {
        String text = "";
        for (int attempt = 0; attempt < 50; attempt++) {
            text = rowText(session, name);
            String seen = text;
            if (java.util.Arrays.stream(expected).allMatch(seen::contains)) {
                return;
            }
            session.page.waitForTimeout(200);
        }
        assertThat(text).as("the row of " + name).contains(expected);
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
