package io.lecturelab.account.ui;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import io.lecturelab.security.ui.CurrentUser;
import io.lecturelab.security.ui.LanguageSwitch;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.lecturelab.security.SignedIn;

/** Change one's password (required after a temporary one) and the UI language. */
@SignedIn
@Route(value = "account", layout = MainLayout.class)
public class AccountView extends VerticalLayout implements HasDynamicTitle {

    public AccountView(CurrentUser currentUser, UserService users) {
        addClassName("page");
        SignedInUser user = currentUser.require();
        add(new H2(getTranslation("account.heading")),
                new Paragraph(getTranslation("account.signedInAs", user.displayName(), user.username())));
        if (user.mustChangePassword()) {
            Paragraph notice = new Paragraph(getTranslation("account.mustChange"));
            notice.setId("must-change-password");
            notice.getStyle().set("color", "var(--lumo-error-text-color)");
            add(notice);
        }

        PasswordField current = new PasswordField(getTranslation("account.currentPassword"));
        current.setId("current-password");
        PasswordField replacement = new PasswordField(getTranslation("account.newPassword"));
        replacement.setId("new-password");
        replacement.setHelperText(getTranslation("account.error.passwordLength", UserService.MIN_PASSWORD_LENGTH));
        PasswordField confirmation = new PasswordField(getTranslation("account.confirmPassword"));
        confirmation.setId("confirm-password");
        Button change = new Button(getTranslation("account.change"), click -> {
            if (!replacement.getValue().equals(confirmation.getValue())) {
                Notifications.error(getTranslation("account.error.mismatch"));
                return;
            }
            try {
                users.changePassword(user.id(), current.getValue(), replacement.getValue(),
                        currentUser.signInToken().orElse(null));
                currentUser.refresh();
                current.clear();
                replacement.clear();
                confirmation.clear();
                Notifications.success(getTranslation("account.changed"));
                if (user.mustChangePassword()) {
                    getUI().ifPresent(ui -> ui.navigate(""));
                }
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        change.setId("change-password");
        add(new H3(getTranslation("account.password")), new FormLayout(current, replacement, confirmation), change,
                new H3(getTranslation("language.label")), new LanguageSwitch(currentUser, users));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("account.heading");
    }
}
