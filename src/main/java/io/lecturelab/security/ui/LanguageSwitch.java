package io.lecturelab.security.ui;

import io.lecturelab.base.i18n.Translations;
import io.lecturelab.security.UserService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.VaadinSession;

import java.util.Locale;

/**
 * Switches the UI between Korean and English. The choice holds for this browser session and, for a signed-in user,
 * is remembered in their account.
 */
public class LanguageSwitch extends Select<Locale> {

    private final CurrentUser currentUser;
    private final UserService users;

    public LanguageSwitch(CurrentUser currentUser, UserService users) {
        this.currentUser = currentUser;
        this.users = users;
        setItems(Translations.KOREAN, Translations.ENGLISH);
        setItemLabelGenerator(locale -> locale.getDisplayLanguage(locale));
        setAriaLabel(getTranslation("language.label"));
        addClassName("language-switch");
        setValue(Translations.supported(UI.getCurrent().getLocale()));
        addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                choose(event.getValue());
            }
        });
    }

    private void choose(Locale locale) {
        VaadinSession.getCurrent().setLocale(locale);
        currentUser.get().ifPresent(user -> {
            users.setLocale(user.id(), locale);
            currentUser.refresh();
        });
        UI.getCurrent().getPage().reload();
    }
}
