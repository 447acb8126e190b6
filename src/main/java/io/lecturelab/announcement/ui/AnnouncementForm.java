package io.lecturelab.announcement.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.lecturelab.announcement.AnnouncementDraft;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.lecture.LectureRenderer;
import io.lecturelab.lecture.ui.LectureContent;
import io.lecturelab.lecture.ui.RemovedHtml;

import java.util.Optional;

/**
 * Title and Markdown text of an announcement with a preview rendered as the page will show it; for a new one also
 * whether to e-mail it. HTML that the sanitiser removes is listed above the preview, and saving it asks first. Hands
 * the draft to {@code onSave}; a refusal is shown and the text stays.
 */
class AnnouncementForm extends Div {

    interface Save {
        void save(AnnouncementDraft draft, boolean email);
    }

    private final TextField title = new TextField();
    private final TextArea body = new TextArea();
    private final Optional<Checkbox> email;
    private final Div preview = new Div();
    private final RemovedHtml removedHtml = new RemovedHtml();

    /**
     * @param idPrefix  prefix of the fields' ids ({@code announcement} for a new one)
     * @param initial   the text being edited, or empty for a new announcement
     * @param offerMail whether to offer "send by e-mail" (new announcements on a server that sends mail)
     * @param onCancel  what cancelling does, or null for no cancel button
     */
    AnnouncementForm(String idPrefix, Optional<AnnouncementDraft> initial, boolean offerMail, Save onSave,
                     Runnable onCancel) {
        addClassName("announcement-form");
        title.setLabel(getTranslation("announcement.title"));
        title.setId(idPrefix + "-title");
        title.setMaxLength(AnnouncementDraft.MAX_TITLE);
        title.setRequiredIndicatorVisible(true);
        title.setWidthFull();
        body.setLabel(getTranslation("announcement.body"));
        body.setId(idPrefix + "-body");
        body.setHelperText(getTranslation("announcement.bodyHelp"));
        body.setMaxLength(AnnouncementDraft.MAX_BODY);
        body.setWidthFull();
        body.setMinHeight("10rem");
        initial.ifPresent(d -> {
            title.setValue(d.title());
            body.setValue(d.body());
        });
        preview.addClassName("announcement-preview");
        preview.setId(idPrefix + "-preview-box");
        preview.setVisible(false);
        removedHtml.setId(idPrefix + "-sanitizer-report");

        Button showPreview = new Button(getTranslation("announcement.preview"), click -> {
            preview.removeAll();
            preview.add(new Span(getTranslation("announcement.previewHeading")),
                    new LectureContent(LectureRenderer.render(body.getValue()).html()));
            preview.setVisible(true);
            removedHtml.show(body.getValue());
        });
        showPreview.setId(idPrefix + "-preview");
        showPreview.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        email = offerMail ? Optional.of(new Checkbox(getTranslation("announcement.email"), true))
                : Optional.empty();
        email.ifPresent(box -> box.setId(idPrefix + "-email"));

        Button save = new Button(getTranslation(initial.isPresent() ? "announcement.save" : "announcement.post"),
                click -> removedHtml.saveAsked(body.getValue(), () -> {
                    try {
                        onSave.save(new AnnouncementDraft(title.getValue(), body.getValue()),
                                email.map(Checkbox::getValue).orElse(false));
                    } catch (UserFacingException refusal) {
                        Notifications.error(refusal);
                    }
                }));
        save.setId(idPrefix + "-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div actions = new Div(save, showPreview);
        actions.addClassName("announcement-actions");
        if (onCancel != null) {
            Button cancel = new Button(getTranslation("announcement.cancel"), click -> onCancel.run());
            cancel.setId(idPrefix + "-cancel");
            cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            actions.add(cancel);
        }
        add(title, body);
        email.ifPresent(this::add);
        add(actions, removedHtml, preview);
    }

    void clear() {
        title.clear();
        body.clear();
        preview.removeAll();
        preview.setVisible(false);
        removedHtml.show("");
    }
}
