package io.lecturelab.lecture.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import io.lecturelab.base.Markdown;

import java.util.List;

/**
 * Above the preview: the raw HTML in the author's Markdown that the sanitiser removes, line by line, with the text
 * that goes with it (an unclosed {@code <iframe>} takes everything after it). Hidden when there is none.
 */
class RemovedHtml extends Div {

    private List<Markdown.Removal> shown = List.of();

    RemovedHtml() {
        setId("sanitizer-report");
        addClassName("sanitizer-report");
        getElement().setAttribute("role", "status");
        getStyle().set("border-left", "4px solid var(--lumo-error-color)")
                .set("background", "var(--lumo-error-color-10pct)").set("padding", "0 var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-m)").set("overflow-wrap", "anywhere")
                .set("box-sizing", "border-box").set("width", "100%");
        setVisible(false);
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

    List<Markdown.Removal> removals() {
        return shown;
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
