package io.lecturelab.gradebook.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.coursework.DeadlineText;
import io.lecturelab.gradebook.CellEdit;
import io.lecturelab.gradebook.GradebookLayout;
import io.lecturelab.gradebook.GradebookService;
import io.lecturelab.gradebook.GradebookSheet;
import io.lecturelab.gradebook.ItemSource;
import io.lecturelab.gradebook.Mark;
import io.lecturelab.gradebook.ScoreHistoryEntry;
import io.lecturelab.gradebook.Standing;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ui.CurrentUser;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The staff gradebook: students as rows, items grouped by category as columns, subtotals and the weighted total
 * with the categories it covers. Scores are typed in from the keyboard or pasted as a column; a correction asks why;
 * the focused cell's history shows beside the sheet. Instructors lay the gradebook out in a second tab; every layout
 * change is listed in a third.
 */
@Route(value = CourseRoutes.PREFIX + "/gradebook", layout = MainLayout.class)
@RequiresCourseRole({CourseRole.TA, CourseRole.INSTRUCTOR})
@CssImport("./styles/gradebook.css")
public class GradebookView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final GradebookService gradebook;
    private final CourseService courses;
    private final CurrentUser currentUser;
    private final SheetTable table = new SheetTable();
    private final Div history = new Div();
    private final Paragraph summary = new Paragraph();
    private long courseId;
    private ZoneId zone = ZoneId.of("UTC");
    private GradebookSheet sheet;

    public GradebookView(GradebookService gradebook, CourseService courses, CurrentUser currentUser) {
        this.gradebook = gradebook;
        this.courses = courses;
        this.currentUser = currentUser;
        addClassName("page");
        addClassName("gb-page");
        history.setId("gradebook-history");
        history.addClassName("gb-history");
        summary.setId("gradebook-summary");
        summary.addClassName("gb-summary");
        table.addCommitListener(c -> save(c, false));
        table.addPasteListener(c -> save(c, true));
        table.addFocusListener(c -> showHistory(c.row(), c.col()));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("gradebook.title");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        SignedInUser user = currentUser.require();
        CourseAccess access = courses.access(courseId, user);
        zone = ZoneId.of(courses.timeZone(courseId));
        removeAll();
        add(new H2(getTranslation("gradebook.title")));
        TabSheet tabs = new TabSheet();
        tabs.setId("gradebook-tabs");
        tabs.setWidthFull();
        Div help = new Div(new Paragraph(getTranslation("gradebook.sheet.help")));
        help.addClassName("gb-help");
        Div scores = new Div(summary, help, table, history, new ImportPanel(gradebook, courseId, currentUser,
                this::reload));
        scores.addClassName("gb-scores");
        tabs.add(getTranslation("gradebook.tab.scores"), scores);
        if (access.instructor()) {
            tabs.add(getTranslation("gradebook.tab.layout"), new LayoutEditor(gradebook, courseId, currentUser,
                    this::reload));
        }
        tabs.add(getTranslation("gradebook.tab.changes"), new ChangesPanel(gradebook, courseId, currentUser, zone));
        add(tabs);
        history.removeAll();
        history.add(new Paragraph(getTranslation("gradebook.history.pick")));
        reload();
    }

    /** Reads the sheet again and draws it. */
    private void reload() {
        sheet = gradebook.sheet(courseId, currentUser.require());
        table.show(toTable(sheet));
        int items = sheet.layout().categories().stream().mapToInt(c -> c.items().size()).sum();
        summary.setText(getTranslation("gradebook.sheet.summary", sheet.rows().size(), items,
                Marks.number(sheet.layout().weightSum())));
    }

    private SheetTable.Sheet toTable(GradebookSheet s) {
        List<SheetTable.Group> groups = new ArrayList<>();
        List<SheetTable.Column> columns = new ArrayList<>();
        for (GradebookLayout.CategoryView c : s.layout().categories()) {
            if (c.items().isEmpty()) {
                continue;
            }
            groups.add(new SheetTable.Group(getTranslation("gradebook.sheet.category", c.name(),
                    Marks.number(c.weight())), c.items().size(), "category"));
            for (GradebookLayout.ItemView i : c.items()) {
                boolean work = i.source() == ItemSource.ASSIGNMENT;
                columns.add(new SheetTable.Column("i" + i.id(), i.title(), getTranslation("gradebook.sheet.outOf",
                        Marks.number(i.maxPoints())) + (i.weight().compareTo(java.math.BigDecimal.ONE) == 0 ? ""
                        : " · ×" + Marks.number(i.weight())), work ? "work" : "item",
                        work ? grading(i.assignmentId().orElseThrow(), Optional.empty()) : null,
                        work ? getTranslation("gradebook.sheet.gradeThere") : null));
            }
        }
        if (!s.layout().categories().isEmpty()) {
            groups.add(new SheetTable.Group(getTranslation("gradebook.sheet.subtotals"),
                    s.layout().categories().size(), "subtotal"));
            for (GradebookLayout.CategoryView c : s.layout().categories()) {
                columns.add(new SheetTable.Column("c" + c.id(), c.name(), Marks.number(c.weight()) + "%",
                        "subtotal", null, null));
            }
        }
        groups.add(new SheetTable.Group(getTranslation("gradebook.sheet.totalGroup"), 2, "total"));
        columns.add(new SheetTable.Column("total", getTranslation("gradebook.sheet.total"), null, "total", null,
                null));
        columns.add(new SheetTable.Column("over", getTranslation("gradebook.sheet.over"), null, "over", null, null));
        List<SheetTable.Row> rows = new ArrayList<>();
        for (GradebookSheet.Row r : s.rows()) {
            List<SheetTable.Cell> cells = new ArrayList<>();
            for (GradebookLayout.CategoryView c : s.layout().categories()) {
                for (GradebookLayout.ItemView i : c.items()) {
                    GradebookSheet.Cell cell = r.cells().get(i.id());
                    String text = Marks.text(this, cell.mark());
                    String shown = text.isEmpty() ? getTranslation("gradebook.mark.none") : text;
                    if (cell.fromCoursework()) {
                        cells.add(new SheetTable.Cell(text, false, grading(i.assignmentId().orElseThrow(),
                                Optional.of(r.userId())), getTranslation("gradebook.sheet.workCell", i.title(),
                                r.name(), shown), getTranslation("gradebook.sheet.workHint")));
                    } else if (cell.fromAttendance()) {
                        cells.add(new SheetTable.Cell(text, false, "courses/" + courseId + "/attendance",
                                getTranslation("gradebook.sheet.attendanceCell", i.title(), r.name(), shown),
                                getTranslation("gradebook.sheet.attendanceHint")));
                    } else {
                        cells.add(new SheetTable.Cell(text, true, null, null, null));
                    }
                }
            }
            Standing st = r.standing();
            for (Standing.Subtotal sub : st.subtotals()) {
                cells.add(new SheetTable.Cell(Marks.percent(sub.percent()), false, null, null,
                        sub.percent().isEmpty() ? getTranslation("gradebook.notGradedYet") : null));
            }
            cells.add(new SheetTable.Cell(Marks.percent(st.total()), false, null, null, null));
            cells.add(new SheetTable.Cell(st.total().isEmpty() ? getTranslation("gradebook.notGradedYet")
                    : getTranslation("gradebook.over", String.join(", ", st.included()),
                    Marks.number(st.includedWeight())), false, null, null, null));
            rows.add(new SheetTable.Row("u" + r.userId(), r.number(), r.name(), cells));
        }
        return new SheetTable.Sheet(getTranslation("gradebook.sheet.caption"), getTranslation("gradebook.sheet.student"),
                groups, columns, rows, getTranslation("gradebook.sheet.refusedHint"),
                getTranslation("gradebook.sheet.editHint"), getTranslation("gradebook.sheet.pendingHint"));
    }

    private String grading(long assignmentId, Optional<Long> student) {
        return "courses/" + courseId + "/assignments/" + assignmentId + "/submissions"
                + student.map(u -> "?owner=s" + u).orElse("");
    }

    // --- entering scores ------------------------------------------------------------------------------------------

    private record Typed(CellEdit edit, String row, String col, String text, Mark before) {
    }

    /** One committed cell, or a pasted column filled down from the focused cell: one call, all or nothing. */
    private void save(SheetTable.Commit commit, boolean paste) {
        Optional<Long> item = id(commit.col(), "i");
        Optional<Long> student = id(commit.row(), "u");
        if (item.isEmpty() || student.isEmpty() || sheet == null) {
            return;
        }
        GradebookLayout.ItemView view = sheet.layout().item(item.get()).orElse(null);
        int start = indexOf(student.get());
        if (view == null || start < 0) {
            reload();
            return;
        }
        List<Typed> typed = new ArrayList<>();
        List<String> values = commit.values();
        if (start + values.size() > sheet.rows().size()) {
            refuseAll(commit, values, start, getTranslation("gradebook.paste.tooLong", values.size(),
                    sheet.rows().size() - start));
            return;
        }
        for (int k = 0; k < values.size(); k++) {
            GradebookSheet.Row row = sheet.rows().get(start + k);
            GradebookSheet.Cell cell = row.cells().get(view.id());
            Mark mark;
            try {
                mark = Marks.parse(this, values.get(k));
            } catch (UserFacingException refusal) {
                String message = paste ? getTranslation("gradebook.paste.line", k + 1, Notifications.describe(refusal))
                        : Notifications.describe(refusal);
                refuseAll(commit, values, start, message);
                return;
            }
            typed.add(new Typed(new CellEdit(view.id(), row.userId(), mark, cell.version()), "u" + row.userId(),
                    commit.col(), values.get(k), cell.mark()));
        }
        boolean correction = typed.stream().anyMatch(t -> !t.before().equals(t.edit().mark())
                && (!t.before().isEmpty() || t.edit().mark().excused()));
        if (correction) {
            String what = typed.size() == 1 ? getTranslation("gradebook.reason.one", view.title(),
                    sheet.rows().get(start).name(), describe(typed.getFirst().before()),
                    describe(typed.getFirst().edit().mark()))
                    : getTranslation("gradebook.reason.many", view.title(), typed.size());
            new ReasonDialog(what, reason -> submit(typed, reason, paste), this::reload).open();
        } else {
            submit(typed, "", paste);
        }
    }

    private String describe(Mark mark) {
        return mark.isEmpty() ? getTranslation("gradebook.mark.none") : Marks.text(this, mark);
    }

    /** Sends the edits; a refusal keeps every typed value in its cell with the reason, nothing is saved. */
    private boolean submit(List<Typed> typed, String reason, boolean paste) {
        try {
            int changed = gradebook.enterScores(courseId, typed.stream().map(Typed::edit).toList(), reason,
                    currentUser.require());
            reload();
            if (paste || changed > 1) {
                Notifications.success(getTranslation("gradebook.saved", changed));
            }
            showHistory(typed.getFirst().row(), typed.getFirst().col());
            return true;
        } catch (UserFacingException refusal) {
            String message = Notifications.describe(refusal);
            reload();
            for (Typed t : typed) {
                table.refuse(t.row(), t.col(), t.text(), message);
            }
            Notifications.error(message);
            return !"gradebook.error.reasonNeeded".equals(refusal.messageKey())
                    && !"gradebook.error.reasonLength".equals(refusal.messageKey());
        }
    }

    private void refuseAll(SheetTable.Commit commit, List<String> values, int start, String message) {
        for (int k = 0; k < values.size() && start + k < sheet.rows().size(); k++) {
            table.refuse("u" + sheet.rows().get(start + k).userId(), commit.col(), values.get(k), message);
        }
        Notifications.error(message);
    }

    private int indexOf(long userId) {
        for (int k = 0; k < sheet.rows().size(); k++) {
            if (sheet.rows().get(k).userId() == userId) {
                return k;
            }
        }
        return -1;
    }

    private static Optional<Long> id(String key, String prefix) {
        if (key == null || !key.startsWith(prefix) || !key.substring(prefix.length()).matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(key.substring(prefix.length())));
    }

    // --- history --------------------------------------------------------------------------------------------------

    private void showHistory(String rowKey, String colKey) {
        Optional<Long> item = id(colKey, "i");
        Optional<Long> student = id(rowKey, "u");
        history.removeAll();
        if (item.isEmpty() || student.isEmpty() || sheet == null) {
            history.add(new Paragraph(getTranslation("gradebook.history.pick")));
            return;
        }
        String title = sheet.layout().item(item.get()).map(GradebookLayout.ItemView::title).orElse("");
        String name = sheet.rows().stream().filter(r -> r.userId() == student.get()).map(GradebookSheet.Row::name)
                .findFirst().orElse("");
        H3 heading = new H3(getTranslation("gradebook.history.heading", title, name));
        heading.setId("gradebook-history-heading");
        history.add(heading);
        List<ScoreHistoryEntry> entries;
        try {
            entries = gradebook.history(courseId, item.get(), student.get(), currentUser.require());
        } catch (UserFacingException refusal) {
            history.add(new Paragraph(Notifications.describe(refusal)));
            return;
        }
        if (entries.isEmpty()) {
            history.add(new Paragraph(getTranslation("gradebook.history.none")));
            return;
        }
        UnorderedList list = new UnorderedList();
        list.addClassName("gb-history-list");
        Locale locale = getLocale();
        for (ScoreHistoryEntry h : entries) {
            ListItem li = new ListItem();
            Span change = new Span(describe(h.before()) + " → " + describe(h.after()));
            change.addClassName("gb-change");
            Span meta = new Span(DeadlineText.at(h.at(), zone, locale) + " · " + h.by()
                    + (h.imported() ? " · " + getTranslation("gradebook.history.imported") : ""));
            meta.addClassName("gb-meta");
            li.add(change, meta);
            if (!h.reason().isBlank()) {
                Span why = new Span(getTranslation("gradebook.history.reason", h.reason()));
                why.addClassName("gb-reason");
                li.add(why);
            }
            list.add(li);
        }
        history.add(list);
    }

    static Component note(String text) {
        Paragraph p = new Paragraph(text);
        p.addClassName("gb-note");
        return p;
    }

}
