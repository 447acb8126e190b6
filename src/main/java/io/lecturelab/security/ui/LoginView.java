package io.lecturelab.security.ui;

import io.lecturelab.security.UserService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import io.lecturelab.base.ui.WidgetTexts;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import io.lecturelab.security.SignInThrottle;
import jakarta.servlet.http.Cookie;
import java.util.Arrays;
import java.util.Optional;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Form sign-in; the form posts to Quarkus' form authentication ({@code j_security_check}). */
@Route("login")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm form = new LoginForm();
    private final LoginI18n i18n = WidgetTexts.login(UI.getCurrent());

    public LoginView(CurrentUser currentUser, UserService users) {
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        addClassName("login-view");

        form.setI18n(i18n);
        form.setForgotPasswordButtonVisible(false);
        form.setAction("j_security_check");
        form.addAttachListener(attach -> WidgetTexts.loginPassword(form, attach.getUI()));

        Div help = new Div(new Paragraph(getTranslation("login.help")));
        help.addClassName("login-help");
        add(new H1(getTranslation("app.name")), form, help, new LanguageSwitch(currentUser, users));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        boolean failed = event.getLocation().getQueryParameters().getParameters().containsKey("error");
        i18n.getErrorMessage().setMessage(waitSeconds().filter(seconds -> failed)
                .map(seconds -> getTranslation("login.error.wait", seconds))
                .orElse(getTranslation("login.error.message")));
        form.setI18n(i18n);
        form.setError(failed);
    }

    /** Set by the server when it refused an attempt unchecked after too many failures. */
    private static Optional<Long> waitSeconds() {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request == null || request.getCookies() == null) {
            return Optional.empty();
        }
        return Arrays.stream(request.getCookies()).filter(c -> SignInThrottle.WAIT_COOKIE.equals(c.getName()))
                .map(Cookie::getValue).filter(v -> v.matches("[0-9]{1,4}")).map(Long::parseLong).findFirst();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " · " + getTranslation("app.name");
    }
}
