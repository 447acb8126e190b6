package io.lecturelab.base.ui;

import io.lecturelab.base.UserFacingException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** Short messages at the corner of the screen, in the user's language. */
public final class Notifications {

    private static final int DURATION_MS = 5000;

    private Notifications() {
    }

    public static void success(String text) {
        Notification.show(text, DURATION_MS, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    public static void error(String text) {
        Notification notification = Notification.show(text, DURATION_MS, Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        notification.addClassName("error-notification");
    }

    /** The refusal's message in the current UI's language. */
    public static String describe(UserFacingException refusal) {
        return UI.getCurrent().getTranslation(refusal.messageKey(), refusal.arguments());
    }

    public static void error(UserFacingException refusal) {
        error(describe(refusal));
    }
}
