package io.lecturelab.security;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.security.UserService.NewUser;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class PasswordTest {

    @Inject
    UserService users;

    @Inject
    UserRepository repository;

    @Test
    void passwords_are_stored_only_as_bcrypt_hashes() {
        String username = unique();
        users.create(new NewUser(username, "Kim", null, null, SystemRole.USER), Optional.of("correct horse"));
        String hash = repository.findByUsername(username).orElseThrow().getPasswordHash();
        assertThat(hash).startsWith("$2a$10$").hasSize(60).doesNotContain("correct horse");
        String other = unique();
        users.create(new NewUser(other, "Lee", null, null, SystemRole.USER), Optional.of("correct horse"));
        assertThat(repository.findByUsername(other).orElseThrow().getPasswordHash())
                .as("salted: the same password hashes differently").isNotEqualTo(hash);
    }

    @Test
    void signing_in_through_the_form_works_only_with_the_right_password() {
        String username = unique();
        users.create(new NewUser(username, "Kim", null, null, SystemRole.USER), Optional.of("correct horse"));

        Response good = signIn(username.toUpperCase(), "correct horse");
        Response bad = signIn(username, "wrong horse");

        assertThat(good.statusCode()).isEqualTo(302);
        assertThat(good.header("Location")).doesNotContain("error");
        assertThat(good.cookie("quarkus-credential")).isNotBlank();
        assertThat(bad.statusCode()).isEqualTo(302);
        assertThat(bad.header("Location")).contains("/login?error");
        assertThat(bad.cookie("quarkus-credential")).isNull();
    }

    @Test
    void a_password_change_needs_the_current_password() {
        long id = users.create(new NewUser(unique(), "Kim", null, null, SystemRole.USER),
                Optional.of("correct horse")).userId();
        assertThatThrownBy(() -> users.changePassword(id, "not it", "long enough", null))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("account.error.currentPassword");
        assertThatThrownBy(() -> users.changePassword(id, "correct horse", "correct horse", null))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("account.error.samePassword");
    }

    @Test
    void a_generated_password_must_be_changed_and_then_is_replaced() {
        String username = unique();
        var account = users.create(new NewUser(username, "Kim", null, null, SystemRole.USER), Optional.empty());
        assertThat(account.password()).hasSize(12);
        assertThat(mustChange(username)).isTrue();

        assertThatThrownBy(() -> users.changePassword(account.userId(), account.password(), "short", null))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("account.error.passwordLength");
        users.changePassword(account.userId(), account.password(), "my own password", null);

        assertThat(mustChange(username)).isFalse();
        assertThat(signIn(username, "my own password").header("Location")).doesNotContain("error");
        assertThat(signIn(username, account.password()).header("Location")).contains("error");
    }

    @Test
    void user_names_are_checked_and_unique_ignoring_case() {
        String username = unique();
        users.create(new NewUser(username, "Kim", null, null, SystemRole.USER), Optional.empty());
        assertThatThrownBy(() -> users.create(new NewUser(username.toUpperCase(), "Kim", null, null,
                SystemRole.USER), Optional.empty())).hasMessageContaining("user.error.exists");
        assertThatThrownBy(() -> users.create(new NewUser("a b", "Kim", null, null, SystemRole.USER),
                Optional.empty())).hasMessageContaining("user.error.username");
    }

    /** Read in a transaction of its own, so the test sees what was committed. */
    @Test
    void a_disabled_account_cannot_sign_in_and_its_open_sign_ins_end_at_their_next_request() {
        String username = unique();
        long id = users.create(new NewUser(username, "Kim", null, null, SystemRole.USER), Optional.of("correct horse"))
                .userId();
        Response signedIn = signIn(username, "correct horse");
        assertThat(signedIn.cookie(SignInSessions.COOKIE)).isNotBlank();
        assertThat(asSignedIn(signedIn).statusCode()).isEqualTo(200);

        SignedInUser student = SignedInUser.of(repository.findById(id));
        assertThatThrownBy(() -> users.setDisabled(id, true, student)).isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo("access.adminOnly");
        assertThat(asSignedIn(signedIn).statusCode()).as("still signed in").isEqualTo(200);

        users.setDisabled(id, true, SignedInUser.system());
        Response after = asSignedIn(signedIn);
        assertThat(after.statusCode()).as("the open sign-in ended").isEqualTo(302);
        assertThat(after.header("Location")).contains("/login");
        assertThat(signIn(username, "correct horse").header("Location")).contains("/login?error");

        users.setDisabled(id, false, SignedInUser.system());
        assertThat(signIn(username, "correct horse").header("Location")).doesNotContain("error");
    }

    @Test
    void a_sign_in_cookie_without_its_server_side_session_is_not_accepted() {
        String username = unique();
        users.create(new NewUser(username, "Kim", null, null, SystemRole.USER), Optional.of("correct horse"));
        Response signedIn = signIn(username, "correct horse");
        Response withoutToken = RestAssured.given().redirects().follow(false)
                .cookie("quarkus-credential", signedIn.cookie("quarkus-credential")).get("/account");
        assertThat(withoutToken.statusCode()).isEqualTo(302);
        Response forged = RestAssured.given().redirects().follow(false)
                .cookie("quarkus-credential", signedIn.cookie("quarkus-credential"))
                .cookie(SignInSessions.COOKIE, "made-up-token").get("/account");
        assertThat(forged.statusCode()).isEqualTo(302);
        assertThat(asSignedIn(signedIn).statusCode()).isEqualTo(200);
    }

    /** A page request with the cookies the sign-in set. */
    private static Response asSignedIn(Response signIn) {
        return RestAssured.given().redirects().follow(false)
                .cookie("quarkus-credential", signIn.cookie("quarkus-credential"))
                .cookie(SignInSessions.COOKIE, signIn.cookie(SignInSessions.COOKIE)).get("/account");
    }

    private boolean mustChange(String username) {
        return QuarkusTransaction.requiringNew()
                .call(() -> repository.findByUsername(username).orElseThrow().isMustChangePassword());
    }

    private static Response signIn(String username, String password) {
        return RestAssured.given().redirects().follow(false)
                .formParam("username", username).formParam("password", password)
                .post("/j_security_check");
    }

    private static String unique() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }
}
