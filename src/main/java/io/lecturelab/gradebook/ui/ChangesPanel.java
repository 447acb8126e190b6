package io.lecturelab.gradebook.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.select.Select;
import io.lecturelab.coursework.DeadlineText;
import io.lecturelab.gradebook.GradebookService;
import io.lecturelab.gradebook.GradebookSheet;
import io.lecturelab.gradebook.LayoutChangeEntry;
import io.lecturelab.gradebook.Mark;
import io.lecturelab.gradebook.RemovedItem;
import io.lecturelab.gradebook.ScoreHistoryEntry;
import io.lecturelab.security.ui.CurrentUser;

import java.time.ZoneId;
import java.util.List;

/**
 * Every change of the layout, newest first (who, when, what it was and became, why), and the removed items, whose
 * cells' history can still be read.
 */
class ChangesPanel extends Div {

    private final GradebookService gradebook;
    private final long courseId;
    private final CurrentUser currentUser;
    private final ZoneId zone;

    ChangesPanel(GradebookService gradebook, long courseId, CurrentUser currentUser, ZoneId zone) {
        this.gradebook = gradebook;
        this.courseId = courseId;
        this.currentUser = currentUser;
        this.zone = zone;
        setId("gradebook-changes");
        addClassName("gb-changes");
        addAttachListener(e -> draw());
    }

    private void draw() {
        removeAll();
        add(new H3(getTranslation("gradebook.changes.layout")));
        List<LayoutChangeEntry> changes = gradebook.layoutHistory(courseId, currentUser.require()).reversed();
        if (changes.isEmpty()) {
            add(new Paragraph(getTranslation("gradebook.changes.none")));
        } else {
            UnorderedList list = new UnorderedList();
            list.setId("gradebook-layout-history");
            list.addClassName("gb-history-list");
            for (LayoutChangeEntry c : changes) {
                ListItem li = new ListItem();
                String what = getTranslation("gradebook.changes." + c.subject().name() + "." + c.action().name());
                Span change = new Span(what + ": " + switch (c.action()) {
                    case ADD -> c.after();
                    case REMOVE -> c.before();
                    case CHANGE -> c.before() + " → " + c.after();
                });
                change.addClassName("gb-change");
                Span meta = new Span(DeadlineText.at(c.at(), zone, getLocale()) + " · " + c.by());
                meta.addClassName("gb-meta");
                li.add(change, meta);
                if (!c.reason().isBlank()) {
                    Span why = new Span(getTranslation("gradebook.history.reason", c.reason()));
                    why.addClassName("gb-reason");
                    li.add(why);
                }
                list.add(li);
            }
            add(list);
        }
        List<RemovedItem> removed = gradebook.removedItems(courseId, currentUser.require());
        if (removed.isEmpty()) {
            return;
        }
        add(new H3(getTranslation("gradebook.changes.removed")));
        GradebookSheet sheet = gradebook.sheet(courseId, currentUser.require());
        Select<RemovedItem> item = new Select<>();
        item.setLabel(getTranslation("gradebook.changes.removedItem"));
        item.setItems(removed);
        item.setItemLabelGenerator(i -> i.title() + " · " + DeadlineText.at(i.removedAt(), zone, getLocale()));
        item.setId("gradebook-removed-item");
        Select<GradebookSheet.Row> student = new Select<>();
        student.setLabel(getTranslation("gradebook.sheet.student"));
        student.setItems(sheet.rows());
        student.setItemLabelGenerator(r -> r.name() + " · " + r.number());
        student.setId("gradebook-removed-student");
        Div out = new Div();
        out.setId("gradebook-removed-history");
        Runnable show = () -> {
            out.removeAll();
            if (item.getValue() == null || student.getValue() == null) {
                return;
            }
            List<ScoreHistoryEntry> entries = gradebook.history(courseId, item.getValue().id(),
                    student.getValue().userId(), currentUser.require());
            if (entries.isEmpty()) {
                out.add(new Paragraph(getTranslation("gradebook.history.none")));
                return;
            }
            UnorderedList list = new UnorderedList();
            list.addClassName("gb-history-list");
            for (ScoreHistoryEntry h : entries) {
                list.add(new ListItem(text(h.before()) + " → " + text(h.after()) + " · "
                        + DeadlineText.at(h.at(), zone, getLocale()) + " · " + h.by()
                        + (h.reason().isBlank() ? "" : " · " + getTranslation("gradebook.history.reason", h.reason()))));
            }
            out.add(list);
        };
        item.addValueChangeListener(e -> show.run());
        student.addValueChangeListener(e -> show.run());
        Div pickers = new Div(item, student);
        pickers.addClassName("gb-actions");
        add(pickers, out);
    }

    private String text(Mark mark) {
        return mark.isEmpty() ? getTranslation("gradebook.mark.none") : Marks.text(this, mark);
    }
}
