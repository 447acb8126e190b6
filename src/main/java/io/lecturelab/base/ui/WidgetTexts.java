package io.lecturelab.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.server.ServiceInitEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * The texts that Vaadin's own widgets show or read out (upload's "Drop file here" and "File is too big", the date
 * picker's months and "Today", the password field's "Show password", the drawer's and menus' labels) in the user's
 * language. Views may set them where they create a widget; after every navigation the whole page is walked as well,
 * so a widget nobody remembered still speaks the user's language. Texts a view chose itself are kept.
 */
@ApplicationScoped
public class WidgetTexts {

    void register(@Observes ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> init.getUI().addAfterNavigationListener(
                navigation -> apply(init.getUI())));
    }

    /** Gives every widget under {@code root} (itself included) the texts it lacks. */
    public static void apply(Component root) {
        UI ui = UI.getCurrent();
        if (ui == null) {
            return;
        }
        walk(root, ui);
    }

    private static void walk(Component component, UI ui) {
        switch (component) {
            case Upload upload -> upload(upload, ui);
            case DatePicker picker when picker.getI18n() == null -> picker.setI18n(Pickers.i18n(ui.getLocale(), ui));
            case DateTimePicker picker -> dateTime(picker, ui);
            case PasswordField field -> password(field, ui);
            case MenuBar menu -> menu.setI18n(new MenuBar.MenuBarI18n().setMoreOptions(ui.getTranslation(
                    "widget.moreOptions")));
            case SideNav nav -> nav.setI18n(new SideNav.SideNavI18n().setToggle(ui.getTranslation(
                    "widget.toggleChildren")));
            case AppLayout layout -> layout.setI18n(new AppLayout.AppLayoutI18n().setDrawer(ui.getTranslation(
                    "widget.drawer")));
            default -> { }
        }
        component.getChildren().forEach(child -> walk(child, ui));
    }

    /**
     * The date-time picker keeps an i18n object of its own that it hands to its date picker (months, weekdays,
     * "Today", "Cancel"); the Java API sets only the inner one, which the outer one's English then overrides.
     */
    public static void dateTime(DateTimePicker picker, UI ui) {
        DatePicker.DatePickerI18n texts = picker.getDatePickerI18n() != null ? picker.getDatePickerI18n()
                : Pickers.i18n(ui.getLocale(), ui);
        if (picker.getDatePickerI18n() == null) {
            picker.setDatePickerI18n(texts);
        }
        picker.getElement().executeJs("this.i18n = Object.assign({}, this.i18n, {monthNames: $0.split('|'),"
                        + " weekdays: $1.split('|'), weekdaysShort: $2.split('|'), today: $3, cancel: $4,"
                        + " firstDayOfWeek: $5})", String.join("|", texts.getMonthNames()),
                String.join("|", texts.getWeekdays()), String.join("|", texts.getWeekdaysShort()), texts.getToday(),
                texts.getCancel(), texts.getFirstDayOfWeek());
    }

    /** The password field's reveal button ("Show password"); the Java API covers only its error messages. */
    public static void password(PasswordField field, UI ui) {
        field.getElement().executeJs("this.i18n = Object.assign({}, this.i18n, {reveal: $0})",
                ui.getTranslation("widget.showPassword"));
    }

    /** Everything an upload says, keeping what its view set (the button, the drop hint, the refusals). */
    public static void upload(Upload upload, UI ui) {
        UploadI18N given = upload.getI18n();
        UploadI18N i18n = new UploadI18N();
        UploadI18N.AddFiles add = given != null && given.getAddFiles() != null ? given.getAddFiles()
                : new UploadI18N.AddFiles();
        add.setOne(add.getOne() != null ? add.getOne() : ui.getTranslation("upload.add"));
        add.setMany(add.getMany() != null ? add.getMany() : add.getOne());
        i18n.setAddFiles(add);
        UploadI18N.DropFiles drop = given != null && given.getDropFiles() != null ? given.getDropFiles()
                : new UploadI18N.DropFiles();
        drop.setOne(drop.getOne() != null ? drop.getOne() : ui.getTranslation("upload.drop"));
        drop.setMany(drop.getMany() != null ? drop.getMany() : drop.getOne());
        i18n.setDropFiles(drop);
        UploadI18N.Error error = given != null && given.getError() != null ? given.getError()
                : new UploadI18N.Error();
        if (error.getTooManyFiles() == null) {
            error.setTooManyFiles(ui.getTranslation("upload.tooMany"));
        }
        if (error.getFileIsTooBig() == null) {
            error.setFileIsTooBig(ui.getTranslation("widget.upload.tooBig"));
        }
        if (error.getIncorrectFileType() == null) {
            error.setIncorrectFileType(ui.getTranslation("widget.upload.wrongType"));
        }
        i18n.setError(error);
        i18n.setFile(new UploadI18N.File().setRetry(ui.getTranslation("widget.upload.retry"))
                .setStart(ui.getTranslation("widget.upload.start"))
                .setRemove(ui.getTranslation("widget.upload.remove")));
        i18n.setUploading(new UploadI18N.Uploading()
                .setStatus(new UploadI18N.Uploading.Status()
                        .setConnecting(ui.getTranslation("widget.upload.connecting"))
                        .setStalled(ui.getTranslation("widget.upload.stalled"))
                        .setProcessing(ui.getTranslation("widget.upload.processing"))
                        .setHeld(ui.getTranslation("widget.upload.held")))
                .setRemainingTime(new UploadI18N.Uploading.RemainingTime()
                        .setPrefix(ui.getTranslation("widget.upload.remaining"))
                        .setUnknown(ui.getTranslation("widget.upload.remainingUnknown")))
                .setError(new UploadI18N.Uploading.Error()
                        .setServerUnavailable(ui.getTranslation("widget.upload.serverUnavailable"))
                        .setUnexpectedServerError(ui.getTranslation("widget.upload.serverError"))
                        .setForbidden(ui.getTranslation("widget.upload.forbidden"))
                        .setFileTooLarge(ui.getTranslation("widget.upload.tooBig"))));
        i18n.setUnits(List.of("B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"));
        upload.setI18n(i18n);
    }

    /** The sign-in form's texts; the form's own password field gets its reveal label from {@link #password}. */
    public static LoginI18n login(UI ui) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(ui.getTranslation("login.title"));
        i18n.getForm().setUsername(ui.getTranslation("login.username"));
        i18n.getForm().setPassword(ui.getTranslation("login.password"));
        i18n.getForm().setSubmit(ui.getTranslation("login.submit"));
        i18n.getForm().setForgotPassword(ui.getTranslation("login.forgot"));
        i18n.getErrorMessage().setTitle(ui.getTranslation("login.error.title"));
        i18n.getErrorMessage().setMessage(ui.getTranslation("login.error.message"));
        i18n.getErrorMessage().setUsername(ui.getTranslation("login.error.username"));
        i18n.getErrorMessage().setPassword(ui.getTranslation("login.error.password"));
        i18n.setAdditionalInformation(null);
        return i18n;
    }

    /** The login form renders its password field itself: label its reveal button once it is there. */
    public static void loginPassword(LoginForm form, UI ui) {
        form.getElement().executeJs("const label = $0; const apply = () => this.querySelectorAll("
                + "'vaadin-password-field').forEach(f => f.i18n = Object.assign({}, f.i18n, {reveal: label}));"
                + " apply(); customElements.whenDefined('vaadin-password-field').then(apply);"
                + " requestAnimationFrame(apply);", ui.getTranslation("widget.showPassword"));
    }
}
