package io.lecturelab.gradebook.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;

import java.util.function.Predicate;

/**
 * Asks why a score is corrected, cleared or excused before it is saved. {@code save} gets the reason and says
 * whether the dialog is done (false keeps it open, e.g. when the reason is refused); cancelling runs {@code cancel}.
 */
class ReasonDialog extends Dialog {

    ReasonDialog(String what, Predicate<String> save, Runnable cancel) {
        setHeaderTitle(getTranslation("gradebook.reason.title"));
        setId("gradebook-reason-dialog");
        setCloseOnOutsideClick(false);
        Paragraph change = new Paragraph(what);
        change.setId("gradebook-reason-change");
        TextArea reason = new TextArea(getTranslation("gradebook.reason.label"));
        reason.setId("gradebook-reason");
        reason.setWidthFull();
        reason.setMaxLength(500);
        reason.setRequired(true);
        reason.setHelperText(getTranslation("gradebook.reason.help"));
        Button ok = new Button(getTranslation("gradebook.reason.save"), e -> {
            if (reason.getValue().isBlank()) {
                reason.setInvalid(true);
                reason.setErrorMessage(getTranslation("gradebook.error.reasonNeeded"));
                reason.focus();
                return;
            }
            if (save.test(reason.getValue())) {
                close();
            }
        });
        ok.setId("gradebook-reason-save");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.addClickShortcut(Key.ENTER).listenOn(reason);
        Button no = new Button(getTranslation("gradebook.reason.cancel"), e -> {
            close();
            cancel.run();
        });
        no.setId("gradebook-reason-cancel");
        addDialogCloseActionListener(e -> {
            close();
            cancel.run();
        });
        add(change, reason);
        getFooter().add(no, ok);
        addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                reason.focus();
            }
        });
    }
}
