package io.lecturelab.it;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.lecturelab.testsupport.BrowserSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lecture editor never loses text, in the packaged app started as a user starts it (its own data folder, so it
 * can be restarted mid-edit): a closed tab's typing is offered back, leaving with changes asks first (in the app and
 * in the browser), and Save pressed after a server restart brings the text back with a word to the user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DraftsBrowserIT {

    private static final String ADMIN_PASSWORD = "drafts-admin-secret";

    private Path workingDirectory;
    private final List<Process> started = new ArrayList<>();
    private int port;
    private long course;
    private long lecture;

    @BeforeAll
    void start() throws Exception {
        workingDirectory = Files.createTempDirectory("drafts-it");
        port = PackagedApp.freePort();
        startApp("first start");
        try (Connection db = database()) {
            course = number(db, "select id from course where slug = ?", "deep-learning");
            lecture = number(db, "select min(id) from lecture where course_id = ?", course);
        }
    }

    @AfterAll
    void stop() throws InterruptedException, IOException {
        PackagedApp.stopAll(started, workingDirectory);
        try (var files = Files.walk(workingDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    private String editor() {
        return "courses/" + course + "/lectures/" + lecture + "/edit";
    }

    @Test
    @Order(1)
    void typing_in_a_tab_that_is_then_closed_is_offered_back_and_saving_it_removes_the_draft() throws Exception {
        noDrafts();
        String words = " Closed-tab words " + UUID.randomUUID();
        long begin = System.nanoTime();
        try (BrowserSession first = new BrowserSession(baseUrl(), "en-US")) {
            first.signIn("admin", ADMIN_PASSWORD).open(editor());
            type(first.page, words);
            assertThat(first.page.locator("#draft-status")).containsText("kept as a draft");
        } // the browser closes without a word: nothing was saved
        assertThat(bodyInDatabase()).doesNotContain(words.strip());
        assertThat(draftsInDatabase()).isEqualTo(1);

        try (BrowserSession second = new BrowserSession(baseUrl(), "en-US")) {
            second.signIn("admin", ADMIN_PASSWORD).open(editor());
            assertThat(second.page.locator("#draft-offer-text")).containsText("kept as a draft");
            assertThat(second.page.locator("#lecture-body textarea")).not().hasValue(
                    java.util.regex.Pattern.compile(".*" + java.util.regex.Pattern.quote(words.strip()) + ".*",
                            java.util.regex.Pattern.DOTALL));
            // the preview's wide tables are the lecture page's own (its overflow rules), not the draft offer's
            assertThat(second.accessibilityProblems().stream()
                    .filter(problem -> !problem.startsWith("scrollable-region-focusable")).toList()).isEmpty();
            second.screenshot("draft-offer-en");
            second.page.locator("#draft-restore").click();
            second.settle();
            assertThat((String) second.page.locator("#lecture-body").evaluate("field => field.value"))
                    .endsWith(words);
            second.page.locator("#save-lecture").click();
            assertThat(second.page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                    .setHasText("saved"))).hasCount(1);
        }
        assertThat(bodyInDatabase()).endsWith(words);
        assertThat(draftsInDatabase()).isZero();
        report("closed tab -> offered back -> saved", begin);
    }

    @Test
    @Order(2)
    void leaving_with_unsaved_changes_asks_first_in_the_app_and_in_the_browser() throws Exception {
        noDrafts();
        String words = " 떠나기 전에 " + UUID.randomUUID();
        long begin = System.nanoTime();
        try (BrowserSession korean = new BrowserSession(baseUrl(), "ko-KR")) {
            korean.signIn("admin", ADMIN_PASSWORD).open(editor());
            type(korean.page, words);
            korean.settle();
            Locator view = korean.page.locator("a[href='courses/" + course + "/lectures/" + lecture + "']");

            view.click();
            assertThat(korean.page.getByText("저장하지 않고 떠나시겠습니까?")).isVisible();
            korean.screenshot("draft-leave-ko");
            korean.page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("머무르기")).click();
            korean.settle();
            assertThat(korean.page).hasURL(java.util.regex.Pattern.compile(".*/edit$"));
            assertThat((String) korean.page.locator("#lecture-body").evaluate("field => field.value"))
                    .endsWith(words);

            assertThat(korean.page.locator("#draft-status")).containsText("임시 저장했습니다");
            // closing or reloading the tab: the browser asks
            assertThat(korean.page.evaluate("() => window.lecturelabDrafts.unsaved")).isEqualTo(true);
            List<String> dialogs = new CopyOnWriteArrayList<>();
            korean.page.onDialog(d -> {
                dialogs.add(d.type());
                d.dismiss();
            });
            korean.page.close(new Page.CloseOptions().setRunBeforeUnload(true));
            korean.page.waitForCondition(() -> !dialogs.isEmpty(),
                    new Page.WaitForConditionOptions().setTimeout(10_000));
            assertThat(dialogs).contains("beforeunload");
        }
        try (BrowserSession korean = new BrowserSession(baseUrl(), "ko-KR")) {
            korean.signIn("admin", ADMIN_PASSWORD).open(editor());
            korean.resize(390, 844);
            assertThat(korean.page.locator("#draft-offer-text")).containsText("임시 저장본");
            assertThat(korean.page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling at 390 px").isEqualTo(true);
            korean.screenshot("draft-offer-ko-390");
            korean.page.locator("#draft-restore").click();
            korean.settle();
            korean.page.locator("a[href='courses/" + course + "/lectures/" + lecture + "']").click();
            korean.page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("변경 내용 버리고 떠나기")).click();
            korean.page.waitForURL("**/lectures/" + lecture);
            korean.settle();
        }
        assertThat(draftsInDatabase()).isZero();
        assertThat(bodyInDatabase()).doesNotContain(words.strip());
        report("leave asked (app and browser), discarded", begin);
    }

    @Test
    @Order(3)
    void save_pressed_after_a_server_restart_brings_the_text_back_and_says_so() throws Exception {
        noDrafts();
        String words = " Typed before the restart " + UUID.randomUUID();
        long begin = System.nanoTime();
        try (BrowserSession instructor = new BrowserSession(baseUrl(), "en-US")) {
            List<String> dialogs = new CopyOnWriteArrayList<>();
            instructor.page.onDialog(d -> {
                dialogs.add(d.type());
                d.accept();
            });
            instructor.signIn("admin", ADMIN_PASSWORD).open(editor());
            type(instructor.page, words);
            assertThat(instructor.page.locator("#draft-status")).containsText("kept as a draft");
            instructor.page.evaluate("() => { window.pageBeforeRestart = true; }");

            Process app = started.getLast();
            long stopping = System.nanoTime();
            app.destroy();
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                // what this test is about is the editor's text, which must survive a hard stop as well; a slow
                // stop is reported with what the app was doing, for RestartIT's own stop check to follow up
                threadDump();
                System.out.println("[drafts] WARNING: the app did not stop within 60 s of SIGTERM; killed. Its log"
                        + " ends:\n" + tail(workingDirectory.resolve("app-" + (started.size() - 1) + ".log"), 80));
                app.destroyForcibly();
                assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            System.out.printf("[drafts] the app stopped %.1f s after SIGTERM%n", (System.nanoTime() - stopping) / 1e9);
            startApp("restart mid-edit");

            boolean samePage = false;
            try {
                samePage = Boolean.TRUE.equals(instructor.page.evaluate("() => window.pageBeforeRestart === true"));
                if (samePage) {
                    instructor.page.locator("#save-lecture").click();
                }
                // the old page's session is gone: the page reloads, and the kept text is offered back
                instructor.page.waitForFunction("() => window.pageBeforeRestart !== true", null,
                        new Page.WaitForFunctionOptions().setTimeout(90_000));
                assertThat(instructor.page.locator("#draft-offer-text")).containsText("kept as a draft",
                        new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions()
                                .setTimeout(60_000));
                instructor.settle();
            } catch (RuntimeException | AssertionError e) {
                threadDump();
                throw e;
            }
            assertThat(bodyInDatabase()).doesNotContain(words.strip());
            instructor.page.locator("#draft-restore").click();
            instructor.settle();
            assertThat((String) instructor.page.locator("#lecture-body").evaluate("field => field.value"))
                    .endsWith(words);
            instructor.page.locator("#save-lecture").click();
            assertThat(instructor.page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                    .setHasText("saved"))).hasCount(1);
            System.out.println("[drafts] Save pressed on the old page: " + samePage + "; browser dialogs: " + dialogs);
        }
        assertThat(bodyInDatabase()).endsWith(words);
        assertThat(draftsInDatabase()).isZero();
        report("restart mid-edit -> Save -> offered back -> saved", begin);
    }

    /** The app's threads, printed with the test's output, for a page that never came back. */
    private void threadDump() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(started.getLast().pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            jcmd.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            System.out.println("[drafts] no thread dump: " + e);
        }
    }

    private void noDrafts() throws IOException, SQLException {
        try (Connection db = database(); var statement = db.createStatement()) {
            statement.executeUpdate("delete from editor_draft");
        }
    }

    /** Types at the end of the lecture text as a person does (key by key, so the browser counts it as use). */
    private static void type(Page page, String words) {
        Locator body = page.locator("#lecture-body textarea");
        body.click();
        body.press("Control+End");
        body.pressSequentially(words, new Locator.PressSequentiallyOptions().setDelay(5));
    }

    private String bodyInDatabase() throws IOException, SQLException {
        try (Connection db = database(); var statement = db.prepareStatement("select body from lecture where id = ?")) {
            statement.setLong(1, lecture);
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).isTrue();
                return result.getString(1);
            }
        }
    }

    private long draftsInDatabase() throws IOException, SQLException {
        try (Connection db = database()) {
            return number(db, "select count(*) from editor_draft where kind = 'lecture' and document_id = ?",
                    lecture);
        }
    }

    private void startApp(String what) throws IOException, InterruptedException {
        Map<String, String> settings = new HashMap<>(PackagedApp.sharedDataset());
        settings.put("lecturelab.admin.password", ADMIN_PASSWORD);
        started.add(PackagedApp.start(workingDirectory, port, settings,
                workingDirectory.resolve("app-" + started.size() + ".log"), what));
    }

    private static String tail(Path log, int lines) throws IOException {
        List<String> all = Files.readAllLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private String baseUrl() {
        return PackagedApp.baseUrl(port);
    }

    private Connection database() throws IOException, SQLException {
        Path pid = workingDirectory.resolve("data/postgres/postmaster.pid");
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + Files.readAllLines(pid).get(3).strip()
                        + "/lecturelab", "postgres",
                Files.readString(workingDirectory.resolve("data/postgres.password")).strip());
    }

    private static long number(Connection db, String sql, Object... parameters) throws SQLException {
        try (var statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).isTrue();
                return result.getLong(1);
            }
        }
    }

    private static void report(String what, long begin) {
        System.out.printf("[drafts] %s: %d ms%n", what, (System.nanoTime() - begin) / 1_000_000);
    }
}
