package io.lecturelab.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * The server's record of sign-ins. Quarkus' sign-in cookie is stateless (it stays valid until it expires), so each
 * sign-in also gets a random token in its own cookie, {@value #COOKIE}; a request is signed in only while its token
 * names a live row of the same user. Revoking rows ends those browsers' sign-ins at their next request.
 */
@ApplicationScoped
@Transactional
public class SignInSessions {

    /** The cookie that carries the token. */
    public static final String COOKIE = "lecturelab-session";

    private final SecureRandom random = new SecureRandom();
    private final SignInSessionRepository sessions;
    private final Clock clock;

    SignInSessions(SignInSessionRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Records a new sign-in of {@code userId} and returns the token for its cookie. */
    String open(long userId, String address) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        SignInSession session = new SignInSession();
        session.userId = userId;
        session.tokenHash = hash(token);
        session.createdAt = clock.instant();
        session.address = address == null || address.length() <= 64 ? address : address.substring(0, 64);
        sessions.persist(session);
        return token;
    }

    /** Whether the token names a sign-in of {@code userId} that has not been revoked. */
    boolean isLive(String token, long userId) {
        return token != null && find(token).filter(s -> s.userId == userId && s.revokedAt == null).isPresent();
    }

    /** Ends the sign-in that holds this token (signing out). */
    public void revoke(String token) {
        if (token != null) {
            find(token).ifPresent(s -> s.revoke(clock.instant()));
        }
    }

    /** Ends every sign-in of the user except the one holding {@code keep} (may be null: all of them). */
    public int revokeAllOf(long userId, String keep) {
        byte[] kept = keep == null ? new byte[0] : hash(keep);
        int revoked = 0;
        for (SignInSession s : sessions.liveOf(userId)) {
            if (!MessageDigest.isEqual(s.tokenHash, kept)) {
                s.revoke(clock.instant());
                revoked++;
            }
        }
        return revoked;
    }

    private Optional<SignInSession> find(String token) {
        return sessions.findByHash(hash(token));
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
