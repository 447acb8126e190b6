package io.lecturelab.lecture.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import io.lecturelab.base.Markdown;
import io.lecturelab.lecture.LectureRenderer;

import java.util.List;

/**
 * Above the preview: the raw HTML in the author's Markdown that the sanitiser removes, line by line, with the text
 * that goes with it (an unclosed {@code <iframe>} takes everything after it). Hidden when there is none. Saving such a
 * text asks first ({@link #saveAsked}), once per text. Used by every Markdown editor that has a preview.
 */
public class RemovedHtml extends Div {

    private List<Markdown.Removal> shown = List.of();
    /** The text whose removed HTML the author already agreed to save. */
    private String confirmed;

    public RemovedHtml() {
        setId("sanitizer-report");
        addClassName("sanitizer-report");
        getElement().setAttribute("role", "status");
        getStyle().set("border-left", "4px solid var(--lumo-error-color)")
                .set("background", "var(--lumo-error-color-10pct)").set("padding", "0 var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-m)").set("overflow-wrap", "anywhere")
                .set("box-sizing", "border-box").set("width", "100%");
        setVisible(false);
    }

    /** Shows what the sanitiser removes from this Markdown (as lectures and announcements render it). */
    public void show(String markdown) {
        show(LectureRenderer.removals(markdown));
    }

    void show(List<Markdown.Removal> removals) {
        if (removals.equals(shown)) {
            return;
        }
        shown = removals;
        removeAll();
        setVisible(!removals.isEmpty());
        if (removals.isEmpty()) {
            return;
        }
        UnorderedList list = new UnorderedList();
        for (Markdown.Removal removal : removals) {
            ListItem item = new ListItem(describe(removal));
            item.addClassName("sanitizer-removal");
            list.add(item);
        }
        add(new H4(getTranslation("sanitizer.heading")), new Paragraph(getTranslation("sanitizer.intro")), list);
    }

    /**
     * Runs {@code save} at once when the sanitiser removes nothing from {@code markdown} (or the author already agreed
     * to this very text); otherwise shows the report and asks first.
     */
    public void saveAsked(String markdown, Runnable save) {
        show(markdown);
        if (shown.isEmpty() || markdown.equals(confirmed)) {
            save.run();
            return;
        }
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("sanitizer-confirm");
        dialog.setHeader(getTranslation("sanitizer.confirm.heading"));
        dialog.setText(getTranslation("sanitizer.confirm.text", shown.size(),
                shown.stream().mapToInt(Markdown.Removal::lostChars).sum()));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("sanitizer.confirm.cancel"));
        dialog.setConfirmText(getTranslation("sanitizer.confirm.save"));
        dialog.addConfirmListener(confirm -> {
            confirmed = markdown;
            save.run();
        });
        dialog.open();
    }

    private String describe(Markdown.Removal removal) {
        String where = removal.line() > 0 ? getTranslation("sanitizer.line", removal.line())
                : getTranslation("sanitizer.lineUnknown");
        if ("!--".equals(removal.element())) {
            return getTranslation("sanitizer.comment", where, removal.lostChars(), removal.lostText());
        }
        return removal.lostChars() > 0
                ? getTranslation("sanitizer.lost", where, removal.source(), removal.lostChars(), removal.lostText())
                : getTranslation("sanitizer.kept", where, removal.source());
    }
}
