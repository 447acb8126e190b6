package io.lecturelab.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import io.lecturelab.security.SignInSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.Cookie;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Ends the sign-in: revokes it on the server, drops its cookies, closes the HTTP session and returns to the sign-in page. */
@ApplicationScoped
public class SignOut {

    private final String cookieName;
    private final SignInSessions sessions;
    private final CurrentUser currentUser;

    SignOut(@ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
            String cookieName, SignInSessions sessions, CurrentUser currentUser) {
        this.cookieName = cookieName;
        this.sessions = sessions;
        this.currentUser = currentUser;
    }

    public void signOut(UI ui) {
        currentUser.signInToken().ifPresent(sessions::revoke); // the server forgets it: a copied cookie is useless
        for (String name : new String[] {cookieName, SignInSessions.COOKIE}) {
            Cookie expired = new Cookie(name, "");
            expired.setPath("/");
            expired.setMaxAge(0);
            expired.setHttpOnly(true);
            VaadinService.getCurrentResponse().addCookie(expired);
        }
        ui.getPage().setLocation(AccessGuard.LOGIN_ROUTE);
        VaadinSession.getCurrent().getSession().invalidate();
    }
}
