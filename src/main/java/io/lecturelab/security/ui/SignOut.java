package io.lecturelab.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.Cookie;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Ends the sign-in: drops Quarkus' credential cookie, closes the HTTP session and returns to the sign-in page. */
@ApplicationScoped
public class SignOut {

    private final String cookieName;

    SignOut(@ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
            String cookieName) {
        this.cookieName = cookieName;
    }

    public void signOut(UI ui) {
        Cookie expired = new Cookie(cookieName, "");
        expired.setPath("/");
        expired.setMaxAge(0);
        expired.setHttpOnly(true);
        VaadinService.getCurrentResponse().addCookie(expired);
        ui.getPage().setLocation(AccessGuard.LOGIN_ROUTE);
        VaadinSession.getCurrent().getSession().invalidate();
    }
}
