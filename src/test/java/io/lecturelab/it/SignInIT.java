package io.lecturelab.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.lecturelab.testsupport.AppDatabase;
import io.lecturelab.testsupport.BrowserSession;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sign-ins are the server's to end: signing out kills the sign-in even where its cookies were copied, a password
 * change ends the user's other sign-ins at once, and guessing passwords is slowed down and logged.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ItResource.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInIT {

    private static final String PASSWORD = "sign-in-password";

    @TestHTTPResource("/")
    URL root;

    private AppDatabase db;
    private long course;

    @BeforeAll
    void course() {
        db = new AppDatabase(PostgresResource.jdbcUrl());
        course = db.courseId("deep-learning");
    }

    @Test
    void signing_out_ends_the_sign_in_even_for_a_browser_holding_a_copy_of_its_cookies() {
        String student = db.newStudent(course, "박지훈", PASSWORD);
        try (BrowserSession owner = browser("en-US"); BrowserSession copy = browser("en-US")) {
            owner.signIn(student, PASSWORD).open("courses/" + course);
            // the sign-in cookies, as a thief would copy them (the Vaadin session cookie is the owner's tab's own)
            copy.addCookies(owner.cookies().stream().filter(c -> !c.name.equals("JSESSIONID")).toList());
            copy.open("courses/" + course);
            assertThat(copy.page.locator("table.grading-policy")).isVisible();

            owner.signOut("Sign out");

            copy.open("courses/" + course);
            copy.page.waitForURL("**/login");
            assertThat(copy.page.locator("table.grading-policy")).hasCount(0);
        }
    }

    @Test
    void changing_the_password_ends_the_users_other_sign_ins_at_once_and_keeps_this_one() {
        String student = db.newStudent(course, "최서윤", PASSWORD);
        try (BrowserSession laptop = browser("ko-KR"); BrowserSession phone = browser("ko-KR")) {
            laptop.signIn(student, PASSWORD).open("courses/" + course);
            phone.signIn(student, PASSWORD).open("courses/" + course);
            assertThat(phone.page.locator("table.grading-policy")).isVisible();

            laptop.open("account");
            laptop.page.locator("#current-password input").fill(PASSWORD);
            laptop.page.locator("#new-password input").fill("a-brand-new-password");
            laptop.page.locator("#confirm-password input").fill("a-brand-new-password");
            laptop.page.locator("#change-password").click();
            assertThat(laptop.page.locator("vaadin-notification-card")).isVisible();

            phone.open("courses/" + course);
            phone.page.waitForURL("**/login");
            laptop.open("courses/" + course);
            assertThat(laptop.page.locator("table.grading-policy")).isVisible();
        }
    }

    @Test
    void repeated_wrong_passwords_make_the_next_attempt_wait_and_every_attempt_is_logged_without_its_password()
            throws Exception {
        String student = db.newStudent(course, "정하은", PASSWORD);
        String other = db.newStudent(course, "윤도현", PASSWORD);
        try (BrowserSession guesser = browser("ko-KR")) {
            for (int attempt = 1; attempt <= 5; attempt++) { // five are free (the tests' first wait is 30 s)
                guesser.signIn(student, "guess-number-" + attempt);
                assertThat(guesser.path()).startsWith("login?error");
                assertThat(guesser.page.locator("vaadin-login-form")).not().containsText("기다린 뒤");
            }
            // even the right password, straight after, is refused unchecked, saying how long to wait, in Korean
            guesser.signIn(student, PASSWORD);
            assertThat(guesser.path()).startsWith("login?error");
            assertThat(guesser.page.locator("vaadin-login-form")).containsText("기다린 뒤 다시 시도하세요");
            // another account from elsewhere is not slowed down (that the wait ends is SignInThrottleTest's part)
        }
        try (BrowserSession someoneElse = browser("ko-KR")) {
            someoneElse.signIn(other, PASSWORD).open("courses/" + course);
            assertThat(someoneElse.page.locator("table.grading-policy")).isVisible();
        }
        String log = Files.readString(Path.of("target", "quarkus.log"));
        assertThat(log).contains("Failed sign-in as " + student).contains("refused unchecked")
                .contains("Signed in: " + other).doesNotContain("guess-number-").doesNotContain(PASSWORD);
    }

    private BrowserSession browser(String locale) {
        return new BrowserSession(root.toString(), locale);
    }
}
