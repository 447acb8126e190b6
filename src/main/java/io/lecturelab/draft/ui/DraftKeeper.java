package io.lecturelab.draft.ui;

import io.lecturelab.base.ui.ViewerZone;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeLeaveEvent;
import com.vaadin.flow.shared.Registration;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.draft.DocumentRef;
import io.lecturelab.draft.Draft;
import io.lecturelab.draft.DraftService;
import io.lecturelab.security.SignedInUser;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps an editor's unsaved changes: writes them to the database as a draft a couple of seconds after typing stops
 * (at least every ten seconds while typing goes on), asks before the user leaves the page (the router's leave event,
 * and the browser's {@code beforeunload} for closing or reloading the tab), and offers a kept draft back when the
 * editor opens — after a closed tab, a crash or a server restart, whose reload would otherwise drop the edit without
 * a word. Shows the offer where it is placed; {@link #status()} says whether the changes are kept.
 */
public class DraftKeeper extends Div {

    private static final long QUIET_NANOS = 2_000_000_000L;
    private static final long LONGEST_NANOS = 10_000_000_000L;
    private static final int POLL_MILLIS = 1000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final DraftService drafts;
    private final Supplier<SignedInUser> user;
    private final DraftFields fields;
    private final Component form;
    private final Span status = new Span();
    private DocumentRef ref;
    /** The form as stored in the document; changes are unsaved when the form differs from it. */
    private Map<String, String> stored = Map.of();
    private int version;
    private boolean dirty;
    private long changedAt;
    /** System.nanoTime() of the form's last change (changedAt is moved on once that change is kept). */
    private long editedAt;
    private long unkeptSince;
    private boolean keptOnce;
    private ZoneId zone = ZoneId.systemDefault();
    private Registration pollListener;

    /**
     * @param form the component that holds the fields (its typing marks the page as unsaved in the browser at once)
     */
    public DraftKeeper(DraftService drafts, Supplier<SignedInUser> user, DraftFields fields, Component form) {
        this.drafts = drafts;
        this.user = user;
        this.fields = fields;
        this.form = form;
        addClassName("draft-keeper");
        setId("draft-offer");
        setWidthFull();
        status.setId("draft-status");
        status.addClassName("draft-status");
        status.getElement().setAttribute("role", "status");
        fields.onChange(this::changed);
    }

    /** Stops watching while the view fills the form with a document; {@link #open} starts again. */
    public void loading() {
        ref = null;
        dirty = false;
        clearOffer();
    }

    /** The line that says whether the changes are saved, kept as a draft, or not yet kept. */
    public Span status() {
        return status;
    }

    /**
     * Starts keeping the document's edits; call after the form shows the document. Offers a kept draft back when
     * there is one that differs from the document.
     *
     * @param version the document's version as shown
     */
    public void open(DocumentRef document, int documentVersion) {
        ref = document;
        version = documentVersion;
        stored = fields.snapshot();
        dirty = false;
        keptOnce = false;
        status.setText("");
        removeAll();
        Optional<Draft> kept = drafts.find(ref, user.get());
        if (kept.isEmpty()) {
            return;
        }
        Draft draft = kept.get();
        if (sameAs(draft.fields(), stored)) {
            drafts.discard(ref, user.get());
            return;
        }
        offer(draft);
    }

    private boolean sameAs(Map<String, String> draft, Map<String, String> form) {
        return draft.entrySet().stream().allMatch(e -> e.getValue().equals(form.getOrDefault(e.getKey(), "")));
    }

    private void offer(Draft draft) {
        addClassName("draft-offered");
        getStyle().set("background", "var(--lumo-primary-color-10pct)")
                .set("border-left", "4px solid var(--lumo-primary-color)")
                .set("border-radius", "var(--lumo-border-radius-m)").set("padding", "0 var(--lumo-space-m) "
                        + "var(--lumo-space-m)").set("box-sizing", "border-box");
        Paragraph text = new Paragraph(getTranslation("draft.offer", DATE_TIME.format(draft.savedAt().atZone(zone))));
        text.setId("draft-offer-text");
        add(text);
        if (draft.baseVersion() != version) {
            Paragraph since = new Paragraph(getTranslation("draft.offer.changedSince"));
            since.setId("draft-offer-changed");
            add(since);
        }
        Button restore = new Button(getTranslation("draft.restore"), click -> restore(draft));
        restore.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        restore.setId("draft-restore");
        Button discard = new Button(getTranslation("draft.discard"), click -> {
            drafts.discard(ref, user.get());
            clearOffer();
            Notifications.success(getTranslation("draft.discarded"));
        });
        discard.setId("draft-discard");
        HorizontalLayout buttons = new HorizontalLayout(restore, discard);
        buttons.setWrap(true);
        add(buttons);
    }

    private void clearOffer() {
        removeAll();
        removeClassName("draft-offered");
        getStyle().remove("background").remove("border-left").remove("padding");
    }

    private void restore(Draft draft) {
        fields.restore(draft.fields());
        clearOffer();
        changed();
        Notifications.success(getTranslation("draft.restored"));
    }

    /** Whether the form holds changes that are not saved in the document. */
    public boolean dirty() {
        return dirty;
    }

    /** Call after the document was saved from this form: the draft is no longer needed. */
    public void saved(int documentVersion) {
        version = documentVersion;
        stored = fields.snapshot();
        dirty = false;
        keptOnce = false;
        status.setText("");
        stopPolling();
        markBrowser(false);
        try {
            drafts.discard(ref, user.get());
        } catch (UserFacingException refusal) {
            // the document was saved; a draft left behind is offered and recognised as the same text next time
        }
    }

    private void changed() {
        if (ref == null) {
            return;
        }
        boolean differs = !fields.snapshot().equals(stored);
        if (!differs) {
            dirty = false;
            status.setText("");
            markBrowser(false);
            return;
        }
        if (!dirty) {
            unkeptSince = System.nanoTime();
        }
        dirty = true;
        changedAt = System.nanoTime();
        editedAt = changedAt;
        status.setText(keptOnce ? getTranslation("draft.unsavedKept") : getTranslation("draft.unsaved"));
        markBrowser(true);
        getUI().ifPresent(ui -> ui.setPollInterval(POLL_MILLIS));
    }

    /** Writes the form as the user's draft now. @return whether it is kept */
    public boolean keep() {
        if (ref == null || !dirty) {
            return true;
        }
        try {
            Draft draft = drafts.save(ref, fields.snapshot(), version, user.get());
            keptOnce = true;
            unkeptSince = System.nanoTime();
            status.setText(getTranslation("draft.kept", TIME.format(draft.savedAt().atZone(zone))));
            return true;
        } catch (UserFacingException refusal) {
            status.setText(Notifications.describe(refusal));
            return false;
        }
    }

    private void poll() {
        if (!dirty) {
            stopPolling();
            return;
        }
        long now = System.nanoTime();
        if (now - changedAt >= QUIET_NANOS || now - unkeptSince >= LONGEST_NANOS) {
            if (keep()) {
                changedAt = Long.MAX_VALUE / 2;
                unkeptSince = now;
                stopPolling();
            }
        }
    }

    private void stopPolling() {
        getUI().ifPresent(ui -> ui.setPollInterval(-1));
    }

    /**
     * Asks before leaving with unsaved changes: stay, leave (the changes stay kept as a draft, offered back next
     * time) or discard them and leave.
     */
    public void beforeLeave(BeforeLeaveEvent event) {
        if (!dirty) {
            return;
        }
        BeforeLeaveEvent.ContinueNavigationAction action = event.postpone();
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("draft-leave-dialog");
        dialog.setHeader(getTranslation("draft.leave.heading"));
        dialog.setText(getTranslation("draft.leave.text"));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("draft.leave.stay"));
        dialog.setRejectable(true);
        dialog.setRejectText(getTranslation("draft.leave.discard"));
        dialog.setRejectButtonTheme("error tertiary");
        dialog.setConfirmText(getTranslation("draft.leave.keep"));
        dialog.addConfirmListener(confirm -> {
            keep();
            leave(action);
        });
        dialog.addRejectListener(reject -> {
            drafts.discard(ref, user.get());
            leave(action);
        });
        dialog.open();
    }

    private void leave(BeforeLeaveEvent.ContinueNavigationAction action) {
        dirty = false;
        markBrowser(false);
        stopPolling();
        action.proceed();
    }

    /** Tells the browser whether closing or reloading the tab should ask first. */
    private void markBrowser(boolean unsaved) {
        getElement().executeJs("if (window.lecturelabDrafts) { window.lecturelabDrafts.unsaved = $0; }", unsaved);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        pollListener = ui.addPollListener(poll -> poll());
        // Typing marks the page as unsaved at once, before the server hears of it; the server clears the mark.
        getElement().executeJs("""
                const drafts = window.lecturelabDrafts || (window.lecturelabDrafts = {unsaved: false});
                if (!drafts.listening) {
                  drafts.listening = true;
                  window.addEventListener('beforeunload', event => {
                    if (drafts.unsaved) { event.preventDefault(); event.returnValue = ''; }
                  });
                }
                drafts.unsaved = $1;
                if ($0 && !$0.lecturelabDraftsWatched) {
                  $0.lecturelabDraftsWatched = true;
                  $0.addEventListener('input', () => { drafts.unsaved = true; });
                }
                """, form.getElement(), dirty);
        ViewerZone.ask(ui, viewer -> viewer.ifPresent(found -> zone = found)); // else keeps the server's zone
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        detachEvent.getUI().setPollInterval(-1);
        if (pollListener != null) {
            pollListener.remove();
            pollListener = null;
        }
        detachEvent.getUI().getPage().executeJs(
                "if (window.lecturelabDrafts) { window.lecturelabDrafts.unsaved = false; }");
        if (dirty && ref != null) {
            try {
                // not over a draft that another page of this editor (a newer tab) kept after this page's last edit:
                // a tab closed long ago is detached only when its session expires or the server stops
                drafts.keepOnLeaving(ref, fields.snapshot(), version, user.get(),
                        Duration.ofNanos(System.nanoTime() - editedAt));
            } catch (RuntimeException e) {
                // the page is gone (e.g. the session ended); the last kept draft stands
            }
        }
    }
}
