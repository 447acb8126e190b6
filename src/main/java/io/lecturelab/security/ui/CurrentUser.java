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
 * Who is signed in to the current Vaadin session. Resolved from the request's principal (form sign-in) and kept in
 * the session so that push and background threads can ask too.
 */
@ApplicationScoped
public class CurrentUser {

    private static final String ATTRIBUTE = SignedInUser.class.getName();
    private final UserService users;

    CurrentUser(UserService users) {
        this.users = users;
    }

    public Optional<SignedInUser> get() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            return Optional.empty();
        }
        VaadinRequest request = VaadinRequest.getCurrent();
        Principal principal = request == null ? null : request.getUserPrincipal();
        SignedInUser cached = (SignedInUser) session.getAttribute(ATTRIBUTE);
        if (request != null && principal == null) {
            session.setAttribute(ATTRIBUTE, null);
            return Optional.empty();
        }
        if (cached != null && (principal == null || cached.username().equals(principal.getName()))) {
            return Optional.of(cached);
        }
        if (principal == null) {
            return Optional.empty();
        }
        Optional<SignedInUser> user = users.find(principal.getName()).map(SignedInUser::of);
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

    /** Reloads the cached facts after the user changed them (password, language). */
    public void refresh() {
        VaadinSession session = VaadinSession.getCurrent();
        get().flatMap(user -> users.find(user.id())).map(SignedInUser::of)
                .ifPresent(user -> session.setAttribute(ATTRIBUTE, user));
    }
}
