package io.lecturelab.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.lecturelab.security.AdminOnly;
import io.lecturelab.testsupport.AppDatabase;
import io.lecturelab.testsupport.BrowserSession;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every page of the app (found as the router finds them, as {@link AccessMatrixIT} does) on a phone (390 px) and a
 * laptop (1366 px), in Korean and English, as a student and as an instructor (and the administration pages as the
 * administrator): nothing is wider than the window unless it sits inside a box that scrolls by itself, axe-core finds
 * no serious problem (in Korean at both widths, in English on the phone), and in Korean none of the widgets' own texts (Vaadin's date picker, upload, login form,
 * password field, menus…) is left in English. User content (lecture text, titles) may be English; only the chrome is
 * checked. One browser per (person, language); the window is resized rather than reopened.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ItResource.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LayoutIT {

    private static final String PASSWORD = "layout-password";
    private static final int PHONE = 390;
    private static final int LAPTOP = 1366;
    private static final String LONG_LINK = "https://example.org/courses/deep-learning/2026/spring/materials/"
            + "lecture-notes-with-a-really-long-address-that-does-not-break-by-itself/index.html";

    /** Everything that is wider than the window and not inside a box that scrolls (or clips) by itself. */
    private static final String OVERFLOW = """
            () => {
              const vw = document.documentElement.clientWidth;
              const up = e => e.assignedSlot || e.parentElement || (e.getRootNode && e.getRootNode().host) || null;
              const frame = e => { const h = e.getRootNode && e.getRootNode().host;
                return e === document.body || e === document.documentElement
                  || (h && h.localName === 'vaadin-app-layout'); };
              const boxed = e => { for (let p = up(e); p; p = up(p)) { if (frame(p)) continue;
                  const s = getComputedStyle(p); if (/(auto|scroll|hidden|clip)/.test(s.overflowX)
                    && p.getBoundingClientRect().right <= vw + 1) return true; } return false; };
              const name = e => e.localName + (e.id ? '#' + e.id : '')
                  + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/)[0] : '');
              const path = e => { const parts = []; for (let p = e; p && parts.length < 4; p = up(p)) parts.unshift(name(p));
                  return parts.join(' > '); };
              const all = []; const collect = r => r.querySelectorAll('*').forEach(e => { all.push(e);
                  if (e.shadowRoot) collect(e.shadowRoot); }); collect(document);
              const found = [];
              for (const e of all) {
                const r = e.getBoundingClientRect();
                if (r.width === 0 || r.height === 0 || r.right <= vw + 1) continue;
                if (getComputedStyle(e).visibility === 'hidden' || boxed(e)) continue;
                found.push(path(e) + ' (right edge ' + Math.round(r.right) + ' px)');
              }
              const layout = document.querySelector('vaadin-app-layout');
              const content = layout && layout.shadowRoot.querySelector('[content]');
              const sideways = Math.max(document.documentElement.scrollWidth - vw,
                  content ? content.scrollWidth - content.clientWidth : 0);
              if (sideways > 0) found.unshift('the page scrolls sideways by ' + sideways + ' px');
              return found.slice(0, 6);
            }""";

    /**
     * Texts of the widgets' own chrome in English: their i18n objects, and the labels, titles and placeholders that
     * they put in their shadow DOM or on themselves. Patterns and formats ("yyyy-MM-dd") are not words.
     */
    private static final String ENGLISH_CHROME = """
            () => {
              const found = new Set();
              // English: words of Latin letters and no Hangul at all (a Korean text may name ".ipynb" or "PNG")
              const english = t => typeof t === 'string' && /[A-Za-z]{3,}/.test(t.replace(/LectureLab/g, ''))
                  && !/[\uAC00-\uD7A3]/.test(t) && !/^\s*https?:/.test(t);
              const add = (where, t) => { if (english(t)) found.add(where + ': ' + t.trim().slice(0, 80)); };
              const strings = (o, where, depth) => {
                if (o == null || depth > 4) return;
                if (typeof o === 'string') { add(where, o); return; }
                if (Array.isArray(o)) { o.forEach((v, i) => strings(v, where + '[' + i + ']', depth + 1)); return; }
                if (typeof o === 'object') Object.keys(o).filter(k => !/format|reference|units/i.test(k))
                    .forEach(k => strings(o[k], where + '.' + k, depth + 1));
              };
              const visit = (root, shadow) => root.querySelectorAll('*').forEach(e => {
                const tag = e.localName;
                if (tag.startsWith('vaadin-') && e.i18n) strings(e.i18n, tag + '.i18n', 0);
                if (shadow || tag.startsWith('vaadin-')) {
                  ['aria-label', 'title', 'placeholder'].forEach(a => add(tag + '[' + a + ']', e.getAttribute(a)));
                }
                if (shadow && tag !== 'style' && tag !== 'script') e.childNodes.forEach(n => { if (n.nodeType === 3) add(tag + ' text', n.textContent); });
                if (e.shadowRoot) visit(e.shadowRoot, true);
              });
              visit(document, false);
              return [...found];
            }""";

    @TestHTTPResource("/")
    URL root;

    private AppDatabase db;
    private long course;
    private long lecture;
    private long homework;
    private long review;
    private String student;
    private String instructor;

    @BeforeAll
    void course() {
        db = new AppDatabase(PostgresResource.jdbcUrl());
        String unique = UUID.randomUUID().toString().substring(0, 6);
        course = db.course("layout-" + unique, "Deep Learning for Computer Vision and Natural Language (Spring)");
        db.text("update course set overview = ?, live_class_url = ? where id = ? returning id",
                "Read the notes at " + LONG_LINK + " before the first class.", LONG_LINK, course);
        student = db.newStudent(course, "김민준", PASSWORD);
        instructor = "prof" + unique;
        db.member(course, db.user(instructor, "Kyungwoo Song", PASSWORD), "INSTRUCTOR");
        String body = """
                # Introduction

                The notes live at %s — read them first.

                | pixel | 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 |
                |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
                | value | 105 | 112 | 108 | 111 | 104 | 99 | 106 | 99 | 96 | 103 | 112 | 119 | 104 | 97 | 93 | 87 | 91 | 99 | 100 | 95 |

                ```python
                scores = weights @ pixels + bias  # a rather long line of code that must scroll inside its own box, not the page
                ```

                $$\\hat{y}_i = \\frac{\\exp(s_i)}{\\sum_{j=1}^{10} \\exp(s_j)} \\quad\\text{for every class of the ten CIFAR-10 classes}$$
                """.formatted(LONG_LINK);
        // 15 weeks (Tuesdays), so that the schedule and the study report are as long as a real term's
        db.text("insert into lecture (course_id, position, week, lecture_date, title, body,"
                + " recording_url, live_starts_at, live_url, published) select ?, w, w, date '2026-03-03' + 7 * (w - 1),"
                + " case when w = 1 then 'Introduction to deep learning: images as matrices, linear classifiers and"
                + " the softmax' else 'Week ' || w || ': convolutional networks and their training' end, ?, ?,"
                + " timestamptz '2026-03-03 12:00 Asia/Seoul' + (w - 1) * interval '7 days', ?, true"
                + " from generate_series(1, 15) w returning id", course, body, LONG_LINK, LONG_LINK);
        lecture = Long.parseLong(db.text("select id from lecture where course_id = ? and week = 1", course));
        // 200 students, each of whom studied some lectures
        db.text("with s as (insert into app_user (username, display_name, password_hash) select 'lay' || ? || '-' || g,"
                + " '학생 ' || g || ' Studentname', 'not-a-hash' from generate_series(1, 200) g returning id)"
                + " insert into course_member (course_id, user_id, role) select ?, id, 'STUDENT' from s returning id",
                unique, course);
        db.text("insert into lecture_progress (lecture_id, user_id) select l.id, m.user_id from lecture l"
                + " join course_member m on m.course_id = l.course_id where l.course_id = ? and m.role = 'STUDENT'"
                + " and (l.week + m.user_id) % 3 <> 0 returning lecture_id", course);
        db.text("insert into team_formation (course_id, opens_at) values (?, now() - interval '1 day') "
                + "returning course_id", course);
        homework = Long.parseLong(db.text("insert into assignment (course_id, kind, title, instructions, points,"
                + " due_at, published) values (?, 'HOMEWORK', 'Homework 1: a rather long title for a narrow phone',"
                + " ?, 10, now() + interval '7 days', true) returning id", course,
                "Compute $s = Wx$ and hand in the notebook. Details: " + LONG_LINK));
        review = Long.parseLong(db.text("insert into assignment (course_id, kind, title, points, due_at, published)"
                + " values (?, 'PAPER_REVIEW', 'Paper review', 20, now() + interval '14 days', true) returning id",
                course));
    }

    @Test
    @Order(3) // the long walk last: the short checks (and their screenshots) report first
    void every_page_fits_a_phone_and_a_laptop_in_both_languages_and_korean_has_no_english_chrome() {
        List<JavaClass> views = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lecturelab").stream().filter(c -> c.isAnnotatedWith(Route.class)).toList();
        assertThat(views).hasSizeGreaterThanOrEqualTo(20);
        List<String> problems = new ArrayList<>();
        int visits = 0;
        long started = System.nanoTime();
        for (String locale : List.of("ko-KR", "en-US")) {
            for (String who : List.of("student", "instructor", "admin")) {
                try (BrowserSession browser = new BrowserSession(root.toString(), locale)) {
                    if (who.equals("student")) {
                        // the sign-in page, before signing in
                        for (int width : List.of(PHONE, LAPTOP)) {
                            browser.resize(width, 844);
                            browser.open("login");
                            check(browser, locale, width, "anonymous", "login", problems);
                            visits++;
                        }
                    }
                    browser.signIn(who.equals("student") ? student : who.equals("instructor") ? instructor : "admin",
                            who.equals("admin") ? ItResource.ADMIN_PASSWORD : PASSWORD);
                    for (int width : List.of(PHONE, LAPTOP)) {
                        browser.resize(width, width == PHONE ? 844 : 900);
                        for (JavaClass view : views) {
                            if (view.isAnnotatedWith(AnonymousAllowed.class)
                                    || view.isAnnotatedWith(AdminOnly.class) != who.equals("admin")) {
                                continue;
                            }
                            String path = path(view);
                            browser.open(path);
                            check(browser, locale, width, who, path, problems);
                            visits++;
                        }
                    }
                }
            }
        }
        System.out.printf("[layout] %d page visits (%d routes) in %.1f s%n", visits, views.size(),
                (System.nanoTime() - started) / 1e9);
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(1)
    void on_a_phone_the_drawer_holds_the_account_the_language_and_sign_out() {
        try (BrowserSession korean = new BrowserSession(root.toString(), "ko-KR")) {
            korean.resize(PHONE, 844);
            korean.signIn(student, PASSWORD).open("courses/" + course);
            assertThat(korean.page.locator(".user-menu")).isHidden();
            korean.page.locator("vaadin-drawer-toggle").click();
            assertThat(korean.page.locator("#drawer-sign-out")).isVisible();
            assertThat(korean.page.locator(".drawer-user")).hasText("김민준");
            assertThat(korean.page.locator("#drawer-language")).isVisible();
            korean.page.waitForTimeout(400); // the drawer slides in
            korean.screenshot("phone-drawer-ko");
            korean.page.locator("#drawer-account").click();
            korean.settle();
            assertThat(korean.path()).isEqualTo("account");
            assertThat(korean.page.locator("#current-password")).isVisible();
            if (!korean.page.locator("#drawer-sign-out").isVisible()) {
                korean.page.locator("vaadin-drawer-toggle").click();
            }
            korean.page.locator("#drawer-sign-out").click();
            korean.page.waitForURL("**/login");
        }
        try (BrowserSession english = new BrowserSession(root.toString(), "en-US")) {
            english.resize(LAPTOP, 900);
            english.signIn(student, PASSWORD).open("courses/" + course);
            assertThat(english.page.locator(".user-menu")).isVisible();
            assertThat(english.page.locator("#drawer-sign-out")).isHidden();
        }
    }

    @Test
    @Order(2)
    void the_schedule_names_weekdays_in_the_viewers_language_and_the_study_report_scrolls_in_its_own_box() {
        try (BrowserSession korean = new BrowserSession(root.toString(), "ko-KR")) {
            korean.resize(PHONE, 844);
            korean.signIn(student, PASSWORD).open("courses/" + course + "/lectures");
            Locator schedule = korean.page.locator("#lectures");
            assertThat(schedule).containsText("2026-03-03 (화)");
            assertThat(korean.page.locator(".live-class").first()).containsText("화 2026-03-03 12:00");
            assertThat(schedule).not().containsText("Tue");
            // the whole title is there, wrapped, not cut off
            Locator first = korean.page.locator(".lecture-card").first();
            assertThat(first.locator("a.lecture-link")).hasText(
                    "Introduction to deep learning: images as matrices, linear classifiers and the softmax");
            org.assertj.core.api.Assertions.assertThat(((Number) first.locator("a.lecture-link")
                    .evaluate("e => e.scrollWidth - e.clientWidth")).intValue()).isLessThanOrEqualTo(0);
            korean.screenshot("phone-schedule-ko");
            korean.open("courses/" + course);
            korean.screenshot("phone-home-ko");
            korean.open("courses/" + course + "/lectures/" + lecture);
            korean.screenshot("phone-lecture-ko");
        }
        try (BrowserSession english = new BrowserSession(root.toString(), "en-US")) {
            english.resize(LAPTOP, 900);
            english.signIn(instructor, PASSWORD).open("courses/" + course + "/lectures");
            assertThat(english.page.locator("#lectures")).containsText("2026-03-03 (Tue)");
            english.screenshot("laptop-schedule-en");
            english.open("courses/" + course + "/lectures/" + lecture);
            english.screenshot("laptop-lecture-en");
            english.open("courses/" + course + "/lectures/progress");
            Locator report = english.page.locator("#study-report");
            assertThat(report.locator("tbody tr")).hasCount(201); // the course's own student and the 200
            assertThat(report.locator("thead th")).hasCount(17);
            Locator box = english.page.locator(".study-report-box");
            // the table scrolls inside its box; the names stay in view when it scrolls sideways and down
            box.evaluate("b => { b.scrollLeft = 10000; b.scrollTop = 2000; }");
            english.page.waitForTimeout(200);
            Object stuck = box.evaluate("b => { const box = b.getBoundingClientRect();"
                    + " const name = b.querySelector('tbody th.student').getBoundingClientRect();"
                    + " const head = b.querySelector('thead th.lecture').getBoundingClientRect();"
                    + " return Math.abs(name.left - box.left) < 3 && Math.abs(head.top - box.top) < 3; }");
            org.assertj.core.api.Assertions.assertThat(stuck).isEqualTo(true);
            box.evaluate("b => { b.scrollLeft = 0; b.scrollTop = 0; }");
            english.screenshot("laptop-study-report-en");
            english.resize(PHONE, 844);
            english.open("courses/" + course + "/lectures/progress");
            english.screenshot("phone-study-report-en");
        }
    }

    private String path(JavaClass view) {
        String template = String.valueOf(view.getAnnotationOfType(Route.class.getName()).get("value").orElseThrow());
        long assignment = view.getSimpleName().equals("ReviewView") ? review : homework;
        String path = template.replaceAll(":courseId\\([^)]*\\)", Long.toString(course))
                .replaceAll(":lectureId\\([^)]*\\)", Long.toString(lecture))
                .replaceAll(":assignmentId\\([^)]*\\)", Long.toString(assignment));
        assertThat(path).as("every route parameter is filled in").doesNotContain(":");
        return path;
    }

    @SuppressWarnings("unchecked")
    private static void check(BrowserSession browser, String locale, int width, String who, String path,
                              List<String> problems) {
        String where = locale + " " + width + "px " + who + " /" + path;
        ((List<String>) browser.page.evaluate(OVERFLOW)).forEach(p -> problems.add(where + ": " + p));
        if (locale.startsWith("ko")) {
            ((List<String>) browser.page.evaluate(ENGLISH_CHROME)).forEach(p -> problems.add(where
                    + ": English chrome " + p));
        }
        // axe reads structure, names, roles and colours, which the language does not change; the phone layout is the
        // one that differs most, so English is checked there and Korean at both widths
        if (locale.startsWith("ko") || width == PHONE) {
            browser.accessibilityProblems().forEach(p -> problems.add(where + ": " + p));
        }
    }
}
