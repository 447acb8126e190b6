package io.lecturelab.security;

import io.lecturelab.base.UserFacingException;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Creates accounts and changes passwords and preferences. */
@ApplicationScoped
@Transactional
public class UserService {

    public static final int MIN_PASSWORD_LENGTH = 8;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final int BCRYPT_COST = 10;

    private final UserRepository users;
    private final SignInSessions sessions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    UserService(UserRepository users, SignInSessions sessions, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** User names are case-insensitive: stored and looked up in lower case. */
    public static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    public static boolean isValidUsername(String username) {
        return USERNAME.matcher(normalize(username)).matches();
    }

    /**
     * Creates an account with the given password, or with a generated one that must be changed at first sign-in
     * when {@code password} is empty. Returns the account and the password to hand over (generated or given).
     */
    public NewAccount create(NewUser request, Optional<String> password) {
        String username = normalize(request.username());
        if (!isValidUsername(username)) {
            throw new UserFacingException("user.error.username", request.username());
        }
        if (users.findByUsername(username).isPresent()) {
            throw new UserFacingException("user.error.exists", username);
        }
        password.ifPresent(UserService::checkStrength);
        String secret = password.orElseGet(this::generatePassword);
        User user = new User(username, request.displayName().strip(), hash(secret), clock.instant());
        user.setEmail(request.email());
        user.setStudentId(request.studentId());
        user.setSystemRole(request.role());
        user.setMustChangePassword(password.isEmpty());
        users.persist(user);
        return new NewAccount(user.getId(), username, secret);
    }

    /**
     * Changes the password and ends every other sign-in of the user (a browser left signed in elsewhere, or one
     * that took the old password), keeping the one that holds {@code signInToken}.
     */
    public void changePassword(long userId, String current, String replacement, String signInToken) {
        User user = users.findByIdOptional(userId).orElseThrow();
        if (!BcryptUtil.matches(current, user.getPasswordHash())) {
            throw new UserFacingException("account.error.currentPassword");
        }
        checkStrength(replacement);
        if (replacement.equals(current)) {
            throw new UserFacingException("account.error.samePassword");
        }
        user.setPasswordHash(hash(replacement));
        user.setMustChangePassword(false);
        sessions.revokeAllOf(userId, signInToken);
    }

    /**
     * Replaces the password with a generated temporary one that must be changed at the next sign-in, and ends every
     * sign-in of the account (whoever knew the old password is out). Returns the password to hand over; it is not
     * stored anywhere readable. The caller decides who may do this (see {@code CourseService#resetPassword}).
     */
    public NewAccount issueTemporaryPassword(long userId) {
        User user = users.findByIdOptional(userId).orElseThrow(() -> new UserFacingException("account.error.noSuchUser"));
        String secret = generatePassword();
        user.setPasswordHash(hash(secret));
        user.setMustChangePassword(true);
        sessions.revokeAllOf(userId, null);
        return new NewAccount(user.getId(), user.getUsername(), secret);
    }

    /**
     * Disables or enables an account (administrators only). A disabled account cannot sign in, and its sign-ins end
     * at their next request; everything it made is kept.
     */
    public void setDisabled(long userId, boolean disabled, SignedInUser actor) {
        if (!actor.admin()) {
            throw new UserFacingException("access.adminOnly");
        }
        if (disabled && actor.id() == userId) {
            throw new UserFacingException("account.error.disableSelf");
        }
        User user = users.findByIdOptional(userId).orElseThrow(() -> new UserFacingException("account.error.noSuchUser"));
        user.setDisabledAt(disabled ? clock.instant() : null);
        if (disabled) {
            sessions.revokeAllOf(userId, null);
        }
    }

    /** The facts about a signed-in user, as they are now; empty for an unknown or disabled account. */
    public Optional<SignedInUser> signedIn(String username) {
        return users.findByUsername(username).filter(u -> !u.isDisabled()).map(SignedInUser::of);
    }

    public void setLocale(long userId, Locale locale) {
        users.findByIdOptional(userId).orElseThrow().setLocale(locale.getLanguage());
    }

    public Optional<User> find(String username) {
        return users.findByUsername(username);
    }

    public Optional<User> find(long id) {
        return users.findByIdOptional(id);
    }

    public String generatePassword() {
        StringBuilder password = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    static void checkStrength(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new UserFacingException("account.error.passwordLength", MIN_PASSWORD_LENGTH);
        }
    }

    static String hash(String password) {
        return BcryptUtil.bcryptHash(password, BCRYPT_COST);
    }

    /** What is needed to create an account. */
    public record NewUser(String username, String displayName, String email, String studentId, SystemRole role) {
        public NewUser {
            if (displayName == null || displayName.isBlank()) {
                throw new UserFacingException("user.error.name");
            }
        }
    }

    /** A created account and the password to give its owner. */
    public record NewAccount(long userId, String username, String password) {
    }
}
