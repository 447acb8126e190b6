package io.lecturelab.security.ui;

import io.lecturelab.base.i18n.Translations;
import io.lecturelab.security.AdminOnly;
import io.lecturelab.security.SignedIn;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ViewAccessRule;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every navigation: anonymous users go to the sign-in page, users with a temporary password go to their
 * account page, and a view's rules ({@link AdminOnly}, {@link SignedIn}, contributed {@link ViewAccessRule}s) can
 * refuse it with a message in the user's language. A view that declares none of them is refused to everybody.
 */
@ApplicationScoped
class AccessGuard {

    static final String LOGIN_ROUTE = "login";
    static final String ACCOUNT_ROUTE = "account";

    private final CurrentUser currentUser;
    private final Instance<ViewAccessRule> rules;

    AccessGuard(CurrentUser currentUser, Instance<ViewAccessRule> rules) {
        this.currentUser = currentUser;
        this.rules = rules;
    }

    void register(@Observes ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            UI ui = init.getUI();
            currentUser.get().flatMap(SignedInUser::locale).map(Locale::forLanguageTag).map(Translations::supported)
                    .ifPresent(ui::setLocale);
            ui.addBeforeEnterListener(this::check);
        });
    }

    private void check(BeforeEnterEvent event) {
        Class<?> view = event.getNavigationTarget();
        if (view.isAnnotationPresent(AnonymousAllowed.class)) {
            return;
        }
        Optional<SignedInUser> signedIn = currentUser.get();
        if (signedIn.isEmpty()) {
            event.forwardTo(LOGIN_ROUTE);
            // Forwarding keeps the requested address; the address bar should say where the user is.
            event.getUI().getPage().getHistory().replaceState(null, LOGIN_ROUTE);
            return;
        }
        SignedInUser user = signedIn.get();
        if (user.mustChangePassword() && !ACCOUNT_ROUTE.equals(event.getLocation().getPath())) {
            event.forwardTo(ACCOUNT_ROUTE);
            return;
        }
        refusal(user, view, event).ifPresent(key -> event.rerouteToError(AccessDeniedException.class,
                event.getUI().getTranslation(key)));
    }

    private Optional<String> refusal(SignedInUser user, Class<?> view, BeforeEnterEvent event) {
        if (view.isAnnotationPresent(AdminOnly.class) && !user.admin()) {
            return Optional.of("access.adminOnly");
        }
        if (!view.isAnnotationPresent(AdminOnly.class) && !view.isAnnotationPresent(SignedIn.class)
                && rules.stream().noneMatch(rule -> rule.governs(view))) {
            return Optional.of("access.generic"); // a view that does not say who may open it is opened by nobody
        }
        Map<String, String> parameters = new HashMap<>();
        event.getRouteParameters().getParameterNames()
                .forEach(name -> event.getRouteParameters().get(name).ifPresent(value -> parameters.put(name, value)));
        return rules.stream().map(rule -> rule.refuse(user, view, parameters)).flatMap(Optional::stream).findFirst();
    }
}
