package io.lecturelab.security.ui;

import io.lecturelab.security.SignInSessions;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import jakarta.enterprise.context.ApplicationScoped;

import jakarta.servlet.http.Cookie;

import java.security.Principal;
import java.util.Arrays;
import java.util.Optional;

/**
 * Who is signed in to the current Vaadin session. Resolved from the request's principal (form sign-in) once per
 * request and kept in the session so that push and background threads can ask too.
 */
@ApplicationScoped
public class CurrentUser {

    private static final String ATTRIBUTE = SignedInUser.class.getName();
    private final UserService users;

    CurrentUser(UserService users) {
        this.users = users;
    }

    /**
     * The signed-in user, read afresh once per request: a role changed or an account disabled by an administrator
     * takes effect at the user's next click, without signing in again. Push and background threads (no request)
     * get the facts of the session's last request.
     */
    public Optional<SignedInUser> get() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            return Optional.empty();
        }
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request == null) {
            return Optional.ofNullable((SignedInUser) session.getAttribute(ATTRIBUTE));
        }
        if (request.getAttribute(ATTRIBUTE) instanceof SignedInUser known) {
            return Optional.of(known);
        }
        Principal principal = request.getUserPrincipal();
        Optional<SignedInUser> user = principal == null ? Optional.empty()
                : users.signedIn(principal.getName());
        user.ifPresent(u -> request.setAttribute(ATTRIBUTE, u));
        session.setAttribute(ATTRIBUTE, user.orElse(null));
        return user;
    }

    public SignedInUser require() {
        return get().orElseThrow(() -> new IllegalStateException("No signed-in user"));
    }

    /** The token of this browser's sign-in ({@link SignInSessions}), from the current request's cookie. */
    public Optional<String> signInToken() {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request == null || request.getCookies() == null) {
            return Optional.empty();
        }
        return Arrays.stream(request.getCookies()).filter(c -> SignInSessions.COOKIE.equals(c.getName()))
                .map(Cookie::getValue).findFirst();
    }

    /** Reloads the facts after the user changed them (password, language) in this request. */
    public void refresh() {
        VaadinSession session = VaadinSession.getCurrent();
        VaadinRequest request = VaadinRequest.getCurrent();
        get().flatMap(user -> users.find(user.id())).map(SignedInUser::of).ifPresent(user -> {
            session.setAttribute(ATTRIBUTE, user);
            if (request != null) {
                request.setAttribute(ATTRIBUTE, user);
            }
        });
    }
}
