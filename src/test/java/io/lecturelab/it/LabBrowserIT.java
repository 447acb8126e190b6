package io.lecturelab.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.FilePayload;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.NeedsCifar10;
import io.lecturelab.testsupport.AppDatabase;
import io.lecturelab.testsupport.BrowserSession;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The classifier lab in a real browser, on the packaged app with real PostgreSQL, the real engine and the shared
 * CIFAR-10: training through the queue with live curves and templates, cancel, an uploaded picture classified,
 * a refused non-image, a confusion-matrix cell opened, a link that reproduces settings, "Run this" from lecture 1,
 * the staff's class view, and a student refused another student's run.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ItResource.class, restrictToAnnotatedClass = true)
@NeedsCifar10
class LabBrowserIT {

    private static final String PASSWORD = "lab-password";
    private static final Pattern SOME_POINTS = Pattern.compile("[1-9][0-9]*");
    /** Training on two shared cores, queued behind other tests' runs, takes seconds, not the default 5 s. */
    private static final LocatorAssertions.HasAttributeOptions TRAINING =
            new LocatorAssertions.HasAttributeOptions().setTimeout(120_000);
    /** Evaluating a run classifies the 2,000 test images on the server before the tab shows: seconds on a busy machine. */
    private static final LocatorAssertions.ContainsTextOptions EVALUATION =
            new LocatorAssertions.ContainsTextOptions().setTimeout(60_000);

    @TestHTTPResource("/")
    URL root;

    private AppDatabase db;
    /** A course of its own per test, so that one test's runs are not in another's class view. */
    private long course;
    private long sample;

    @BeforeEach
    void course() {
        db = new AppDatabase(PostgresResource.jdbcUrl());
        course = db.course("lab-" + java.util.UUID.randomUUID().toString().substring(0, 8), "Lab");
        sample = db.courseId("deep-learning");
    }

    @Test
    void a_student_trains_classifies_and_evaluates_and_another_cannot_open_the_run() throws Exception {
        String alice = db.newStudent(course, "김민준", PASSWORD);
        String bob = db.newStudent(course, "Bob Lee", PASSWORD);
        long runId;
        try (BrowserSession korean = new BrowserSession(root.toString(), "ko-KR")) {
            korean.signIn(alice, PASSWORD).open("courses/" + course + "/demo");
            korean.resize(1366, 900);
            assertThat(korean.page.locator("#lab-pixel-matrix")).isVisible();
            assertThat(korean.page.locator("#lab-image-caption")).containsText("테스트 이미지");
            korean.screenshotAt("lab-pixels-ko", "#lab-image-caption");
            assertThat(korean.accessibilityProblems()).isEmpty();

            korean.page.locator("#lab-tab-train").click();
            korean.page.locator("#lab-epochs input").fill("2");
            korean.page.locator("#lab-epochs input").press("Tab");
            korean.page.waitForURL(Pattern.compile(".*epochs=2.*"));
            korean.page.locator("#lab-train").click();
            // the queue position or the progress shows first, then the live curve and templates
            assertThat(korean.page.locator("#lab-status")).containsText(Pattern.compile("대기열|학습 중|시작|학습 완료"));
            assertThat(korean.page.locator("#lab-curves")).hasAttribute("data-points", SOME_POINTS, TRAINING);
            assertThat(korean.page.locator("#lab-templates")).hasAttribute("data-version", SOME_POINTS, TRAINING);
            assertThat(korean.page.locator("#lab-status")).hasAttribute("data-status", "SUCCEEDED", TRAINING);
            assertThat(korean.page.locator("#lab-status")).containsText("테스트 정확도");
            korean.screenshotAt("lab-train-ko", "#lab-status");
            runId = Long.parseLong(db.text("select max(j.id) from ml_training_job j join app_user u on u.id = j.owner_id"
                    + " where u.username = ?", alice));
            assertThat(Integer.parseInt(db.text("select length(curve) / 16 from ml_training_job where id = ?", runId)))
                    .isGreaterThan(2);

            // a picture of the student's own, as a phone would send it
            korean.page.locator("#lab-tab-pixels").click();
            korean.page.locator("#lab-upload input[type=file]").setInputFiles(new FilePayload("cat.png", "image/png",
                    TestPictures.firstTestCatAsPng(MlTestData.dir())));
            assertThat(korean.page.locator("#lab-image-caption")).containsText("직접 올린 사진");
            korean.page.locator("#lab-tab-classify").click();
            assertThat(korean.page.locator("#lab-prediction")).containsText("예측");
            double sum = Double.parseDouble(korean.page.locator("#lab-probabilities").getAttribute("data-sum"));
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
            assertThat(korean.page.locator("#lab-contributions")).hasAttribute("data-version", SOME_POINTS);
            korean.screenshotAt("lab-classify-ko", "#lab-prediction");

            // a file that is not a picture changes nothing and says why
            korean.page.locator("#lab-tab-pixels").click();
            korean.page.locator("#lab-upload input[type=file]").setInputFiles(new FilePayload("notes.png",
                    "image/png", "not really a picture".getBytes(StandardCharsets.UTF_8)));
            assertThat(korean.page.locator("vaadin-notification-card").last()).containsText("PNG 또는 JPEG");
            assertThat(korean.page.locator("#lab-image-caption")).containsText("직접 올린 사진");

            // the confusion matrix opens the images behind a cell, and one of them opens in the classifier
            korean.page.locator("#lab-tab-evaluate").click();
            assertThat(korean.page.locator("#lab-accuracy")).containsText("2,000", EVALUATION);
            korean.page.locator("#lab-cell-0-1").click();
            assertThat(korean.page.locator("#lab-cell-images")).hasAttribute("data-count", SOME_POINTS);
            korean.page.locator("#lab-cell-images button").first().click();
            assertThat(korean.page.locator("#lab-prediction")).containsText("개");

            korean.resize(390, 844);
            korean.page.locator("#lab-tab-train").click();
            assertThat(korean.accessibilityProblems()).isEmpty();
            assertThat(sidewaysScroll(korean)).isZero();
            korean.page.locator("#lab-tab-pixels").click();
            assertThat(sidewaysScroll(korean)).isZero();
            korean.screenshotAt("lab-phone-ko", "#lab-image-caption");
        }

        try (BrowserSession other = new BrowserSession(root.toString(), "en-US")) {
            other.signIn(bob, PASSWORD).open("courses/" + course + "/demo?run=" + runId + "&step=history");
            assertThat(other.page.locator("vaadin-notification-card").first()).containsText("does not exist");
            assertThat(other.page.locator("#lab-history")).containsText("You have not trained yet");
        }
    }

    @Test
    void a_link_reproduces_settings_a_run_can_be_cancelled_and_staff_watch_the_class() throws Exception {
        String carol = db.newStudent(course, "Carol Park", PASSWORD);
        String dave = db.newStudent(course, "Dave Kim", PASSWORD);
        try (BrowserSession english = new BrowserSession(root.toString(), "en-US")) {
            english.signIn(carol, PASSWORD).open("courses/" + course + "/demo?lr=0.05&seed=9&epochs=1&step=train");
            assertThat(english.page.locator("#lab-lr input")).hasValue("0.05");
            assertThat(english.page.locator("#lab-seed input")).hasValue("9");
            english.page.locator("#lab-train").click();
            assertThat(english.page.locator("#lab-status")).hasAttribute("data-status", "SUCCEEDED", TRAINING);
            english.screenshotAt("lab-laptop-en", "#lab-status");
            english.resize(390, 844);
            english.screenshotAt("lab-phone-en", "#lab-status");
            assertThat(sidewaysScroll(english)).isZero();
            assertThat(english.accessibilityProblems()).isEmpty();
            english.resize(1280, 900);

            english.open("courses/" + course + "/demo?epochs=50&step=train");
            english.page.locator("#lab-train").click();
            assertThat(english.page.locator("#lab-status")).hasAttribute("data-status", "RUNNING", TRAINING);
            english.page.locator("#lab-cancel").click();
            assertThat(english.page.locator("#lab-status")).hasAttribute("data-status", "CANCELLED", TRAINING);
            assertThat(english.accessibilityProblems()).isEmpty();
        }
        try (BrowserSession second = new BrowserSession(root.toString(), "en-US")) {
            second.signIn(dave, PASSWORD).open("courses/" + course + "/demo?epochs=1&step=train");
            second.page.locator("#lab-train").click();
            assertThat(second.page.locator("#lab-status")).hasAttribute("data-status", "SUCCEEDED", TRAINING);
            second.page.locator("#lab-tab-history").click();
            assertThat(second.page.locator("#lab-history .lab-card")).hasCount(1);
        }
        try (BrowserSession staff = new BrowserSession(root.toString(), "ko-KR")) {
            staff.signIn("admin", ItResource.ADMIN_PASSWORD).open("courses/" + course + "/demo/class");
            assertThat(staff.page.locator("#class-curves")).hasAttribute("data-points", SOME_POINTS);
            Locator board = staff.page.locator("#class-leaderboard tbody tr");
            assertThat(board).hasCount(2);
            assertThat(staff.page.locator("#class-leaderboard")).not().containsText("Carol Park");
            staff.page.locator("#class-show-names").click();
            assertThat(staff.page.locator("#class-leaderboard")).containsText("Carol Park");
            assertThat(staff.page.locator("#class-leaderboard")).containsText("Dave Kim");
            assertThat(staff.accessibilityProblems()).isEmpty();
            staff.screenshotAt("lab-class-ko", "#class-queue");
        }
    }

    @Test
    void run_this_in_lecture_one_opens_the_lab_with_only_the_learning_rate_editable() {
        String student = db.newStudent(sample, "Erin Cho", PASSWORD);
        String lecture = db.text("select id from lecture where course_id = ? order by position limit 1", sample);
        try (BrowserSession reader = new BrowserSession(root.toString(), "en-US")) {
            reader.signIn(student, PASSWORD).open("courses/" + sample + "/lectures/" + lecture);
            Locator runs = reader.page.locator(".lecture-demo .demo-run");
            assertThat(runs).hasCount(4);
            reader.page.locator(".lecture-demo", new com.microsoft.playwright.Page.LocatorOptions()
                    .setHasText("lr·∂L/∂W")).locator(".demo-run").click();
            reader.page.waitForURL(Pattern.compile(".*/demo\\?.*step=train.*"));
            assertThat(reader.page.locator("#lab-lr")).not().hasAttribute("readonly", "");
            assertThat(reader.page.locator("#lab-batch")).hasAttribute("readonly", "");
            assertThat(reader.page.locator("#lab-bias")).hasAttribute("readonly", "");
        }
        // the editor's preview opens the block in a new tab (the text being edited stays), with the same preset
        try (BrowserSession editor = new BrowserSession(root.toString(), "en-US")) {
            editor.signIn("admin", ItResource.ADMIN_PASSWORD).open("courses/" + sample + "/lectures/" + lecture
                    + "/edit");
            Locator link = editor.page.locator(".lecture-demo", new com.microsoft.playwright.Page.LocatorOptions()
                    .setHasText("lr·∂L/∂W")).locator(".demo-link");
            assertThat(link).hasAttribute("target", "_blank");
            editor.open(link.getAttribute("href"));
            assertThat(editor.page.locator("#lab-tab-train")).hasAttribute("selected", "");
            assertThat(editor.page.locator("#lab-batch")).hasAttribute("readonly", "");
            assertThat(editor.page.locator("#lab-lr")).not().hasAttribute("readonly", "");
        }
    }

    /** How far the page's scrolling area is wider than the window (wide tables scroll inside their own box). */
    private static int sidewaysScroll(BrowserSession session) {
        Object overflow = session.page.evaluate("() => { const c = document.querySelector('vaadin-app-layout')"
                + ".shadowRoot.querySelector('[content]'); return Math.max(0, c.scrollWidth - c.clientWidth,"
                + " document.documentElement.scrollWidth - window.innerWidth); }");
        return ((Number) overflow).intValue();
    }
}
