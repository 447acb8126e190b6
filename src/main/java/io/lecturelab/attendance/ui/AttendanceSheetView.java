package io.lecturelab.attendance.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.lecturelab.attendance.AttendanceRule;
import io.lecturelab.attendance.AttendanceService;
import io.lecturelab.attendance.AttendanceSheet;
import io.lecturelab.attendance.Cell;
import io.lecturelab.attendance.HistoryEntry;
import io.lecturelab.attendance.SessionView;
import io.lecturelab.attendance.SheetRow;
import io.lecturelab.attendance.Status;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.base.ui.Pickers;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.security.ui.CurrentUser;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The staff's attendance sheet: students down, sessions across (the grid scrolls in its own box), filled from the
 * keyboard: arrows move between cells, P / L / A / E (or 1–4) set present, late, absent, excused and move down,
 * Delete clears. Each change carries the version of the cell this page showed, so a mark someone else changed
 * meanwhile is never overwritten: the change is refused and the sheet shows their mark. Also: "mark all present" for
 * one session, adding and cancelling sessions, a cell's history, and (instructors) the rule.
 */
@Route(value = CourseRoutes.PREFIX + "/attendance", layout = MainLayout.class)
@RequiresCourseRole({CourseRole.TA, CourseRole.INSTRUCTOR})
@CssImport("./styles/attendance.css")
public class AttendanceSheetView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** Keys that set a mark, as typed (lower case) or on the number row. */
    private static final Map<String, Status> KEYS = Map.of("p", Status.PRESENT, "l", Status.LATE,
            "a", Status.ABSENT, "e", Status.EXCUSED, "1", Status.PRESENT, "2", Status.LATE, "3", Status.ABSENT,
            "4", Status.EXCUSED);
    private static final String KEY = "event.key.length === 1 ? event.key.toLowerCase() : event.key";
    private static final String ITEM = "(element.getEventContext(event).item || {}).key || ''";
    private static final String COLUMN = "(element.getEventContext(event).column || {}).id || ''";
    /** After a mark is typed, the focus moves down to the next student (as Enter does in a spreadsheet). */
    private static final String MOVE_DOWN = """
            this.addEventListener('keydown', e => {
              if (e.ctrlKey || e.metaKey || e.altKey || !/^[plae1-4]$/i.test(e.key)) return;
              if (!this.getEventContext(e).item) return;
              const cell = e.composedPath()[0];
              setTimeout(() => cell.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowDown', code: 'ArrowDown',
                  bubbles: true, composed: true})), 0);
            });""";

    private final AttendanceService attendance;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final Paragraph rule = new Paragraph();
    private final Paragraph codeRule = new Paragraph();
    private final Div ruleEditor = new Div();
    private final Select<SessionView> session = new Select<>();
    private final Grid<Row> grid = new Grid<>();
    private final Span focused = new Span();
    private final Button history = new Button();
    private final Div sessionTools = new Div();
    private final Map<String, SessionView> columns = new HashMap<>();
    private long courseId;
    private AttendanceSheet sheet;
    private List<Row> rows = List.of();
    private Row focusedRow;
    private SessionView focusedSession;

    public AttendanceSheetView(AttendanceService attendance, CurrentUser currentUser, Clock clock) {
        this.attendance = attendance;
        this.currentUser = currentUser;
        this.clock = clock;
        addClassName("page");
        addClassName("attendance-page");
        rule.setId("attendance-rule");
        codeRule.addClassName("att-code-rule");

        session.setLabel(getTranslation("attendance.session"));
        session.setId("attendance-session");
        session.setItemLabelGenerator(s -> AttendanceTexts.session(this, s));
        session.addClassName("att-session-select");
        Button allPresent = new Button(getTranslation("attendance.allPresent"), click -> markAllPresent());
        allPresent.setId("mark-all-present");
        Button code = new Button(getTranslation("attendance.openCode"), click -> openCode());
        code.setId("open-code");
        code.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("attendance.cancelOrRestore"), click -> toggleCancelled());
        cancel.setId("cancel-session");
        Div toolbar = new Div(session, allPresent, code, cancel);
        toolbar.addClassName("att-toolbar");

        grid.setId("attendance-sheet");
        grid.addClassName("att-grid");
        grid.addThemeVariants(GridVariant.LUMO_COLUMN_BORDERS, GridVariant.LUMO_COMPACT);
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        grid.getElement().setAttribute("aria-label", getTranslation("attendance.sheet"));
        grid.getElement().addEventListener("keydown", event -> key(
                        event.getEventData().get(KEY).asString(), event.getEventData().get(ITEM).asString(),
                        event.getEventData().get(COLUMN).asString()))
                .addEventData(KEY).addEventData(ITEM).addEventData(COLUMN)
                .setFilter("!event.ctrlKey && !event.metaKey && !event.altKey && (/^[plae1-4]$/i.test(event.key)"
                        + " || event.key === 'Delete' || event.key === 'Backspace')");
        grid.getElement().executeJs(MOVE_DOWN);
        grid.addCellFocusListener(event -> {
            focusedRow = event.getItem().orElse(null);
            focusedSession = event.getColumn().map(c -> columns.get(c.getId().orElse(""))).orElse(null);
            describeFocus();
        });
        focused.setId("focused-cell");
        focused.getElement().setAttribute("aria-live", "polite");
        history.setText(getTranslation("attendance.history"));
        history.setId("cell-history");
        history.setEnabled(false);
        history.addClickListener(click -> showHistory());
        Div focusLine = new Div(focused, history);
        focusLine.addClassName("att-focus-line");

        Paragraph keys = new Paragraph(getTranslation("attendance.keys"));
        keys.addClassName("att-keys");
        add(new H2(getTranslation("attendance.heading")), rule, codeRule, ruleEditor, toolbar, keys, grid, focusLine,
                sessionTools);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        load();
        sessionTools.removeAll();
        sessionTools.add(addSessionForm());
        ruleEditor.removeAll();
        if (sheet.instructor()) {
            ruleEditor.add(ruleForm(sheet.rule()));
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("attendance.heading");
    }

    // --- the sheet -----------------------------------------------------------------------------------------------

    private void load() {
        Optional<Long> chosen = Optional.ofNullable(session.getValue()).map(SessionView::id);
        sheet = attendance.sheet(courseId, currentUser.require());
        rule.setText(AttendanceTexts.rule(this, sheet.rule()));
        codeRule.setText(AttendanceTexts.codeRule(this, sheet.rule()));
        session.setItems(sheet.sessions());
        sheet.sessions().stream().filter(s -> chosen.map(id -> id == s.id()).orElse(false)).findFirst()
                .or(() -> closestToNow())
                .ifPresent(session::setValue);
        rows = sheet.rows().stream().map(Row::new).toList();
        grid.removeAllColumns();
        columns.clear();
        grid.addColumn(r -> r.row.number() + " " + r.row.name()).setHeader(getTranslation("attendance.student"))
                .setFrozen(true).setWidth("11rem").setFlexGrow(0).setId("att-student");
        for (SessionView s : sheet.sessions()) {
            String id = "att-s" + s.id();
            columns.put(id, s);
            Span header = new Span(AttendanceTexts.day(this, s.startsAt()));
            Span kind = new Span(AttendanceTexts.kind(this, s));
            kind.addClassName("att-kind");
            Div head = new Div(header, kind);
            head.addClassName(s.cancelled() ? "att-head-cancelled" : "att-head");
            head.getElement().setAttribute("title", AttendanceTexts.session(this, s));
            Grid.Column<Row> column = grid.addColumn(r -> r.text(s.id())).setHeader(head).setWidth("5.5rem")
                    .setFlexGrow(0).setTextAlign(ColumnTextAlign.CENTER)
                    .setPartNameGenerator(r -> r.partName(s.id()))
                    .setTooltipGenerator(r -> r.row.name() + " · " + AttendanceTexts.session(this, s) + ": "
                            + r.status(s.id()).map(st -> AttendanceTexts.status(this, st))
                            .orElseGet(() -> getTranslation("attendance.notMarked")));
            column.setId(id);
        }
        grid.addColumn(r -> AttendanceTexts.score(this, r.score)).setHeader(getTranslation("attendance.points"))
                .setAutoWidth(true).setId("att-points");
        grid.setItems(rows);
        focusedRow = null;
        focusedSession = null;
        describeFocus();
    }

    private Optional<SessionView> closestToNow() {
        return Sessions.closestToNow(sheet.sessions(), clock.instant());
    }

    private void key(String key, String itemKey, String columnId) {
        Row row = itemKey.isEmpty() ? null : grid.getDataCommunicator().getKeyMapper().get(itemKey);
        SessionView s = columns.get(columnId);
        if (row == null || s == null) {
            return;
        }
        Status status = KEYS.get(key);
        if (status == null && !key.equals("Delete") && !key.equals("Backspace")) {
            return;
        }
        try {
            Optional<Cell> now = attendance.setMark(courseId, s.id(), row.row.userId(), status, row.version(s.id()),
                    currentUser.require());
            row.put(s.id(), now);
            grid.getDataProvider().refreshItem(row);
            if (row == focusedRow && s.equals(focusedSession)) {
                describeFocus();
            }
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
            load();
        }
    }

    private void describeFocus() {
        if (focusedRow == null || focusedSession == null) {
            focused.setText(getTranslation("attendance.focusHelp"));
            history.setEnabled(false);
            return;
        }
        SessionView s = focusedSession;
        String what = focusedRow.cells.containsKey(s.id())
                ? describe(focusedRow.cells.get(s.id())) : getTranslation("attendance.notMarked");
        focused.setText(focusedRow.row.name() + " · " + AttendanceTexts.session(this, s) + ": " + what);
        history.setEnabled(true);
    }

    private String describe(Cell cell) {
        return getTranslation("attendance.cellSetBy", AttendanceTexts.status(this, cell.status()),
                cell.by().orElseGet(() -> getTranslation("attendance.formerMember")),
                AttendanceTexts.time(this, cell.at()), getTranslation("attendance.via." + cell.via().name()));
    }

    private void showHistory() {
        if (focusedRow == null || focusedSession == null) {
            return;
        }
        List<HistoryEntry> entries;
        try {
            entries = attendance.history(courseId, focusedSession.id(), focusedRow.row.userId(),
                    currentUser.require());
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("attendance.historyOf", focusedRow.row.name(),
                AttendanceTexts.session(this, focusedSession)));
        UnorderedList list = new UnorderedList();
        list.setId("history-list");
        for (HistoryEntry h : entries) {
            list.add(new ListItem(getTranslation("attendance.historyLine", AttendanceTexts.time(this, h.at()),
                    h.by().orElseGet(() -> getTranslation("attendance.formerMember")),
                    h.before().map(st -> AttendanceTexts.status(this, st))
                            .orElseGet(() -> getTranslation("attendance.notMarked")),
                    h.after().map(st -> AttendanceTexts.status(this, st))
                            .orElseGet(() -> getTranslation("attendance.notMarked")),
                    getTranslation("attendance.via." + h.via().name()))));
        }
        if (entries.isEmpty()) {
            dialog.add(new Paragraph(getTranslation("attendance.noHistory")));
        }
        Button close = new Button(getTranslation("attendance.close"), click -> dialog.close());
        dialog.add(list);
        dialog.getFooter().add(close);
        dialog.open();
    }

    // --- session tools -------------------------------------------------------------------------------------------

    private void markAllPresent() {
        SessionView s = session.getValue();
        if (s == null) {
            Notifications.error(getTranslation("attendance.chooseSession"));
            return;
        }
        try {
            int filled = attendance.markAllPresent(courseId, s.id(), currentUser.require());
            Notifications.success(getTranslation("attendance.allPresentDone", filled));
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
        load();
    }

    private void openCode() {
        SessionView s = session.getValue();
        if (s == null) {
            Notifications.error(getTranslation("attendance.chooseSession"));
            return;
        }
        try {
            attendance.openCode(courseId, s.id(), currentUser.require());
            getUI().ifPresent(ui -> ui.navigate(ProjectorView.class, CourseRoutes.of(courseId)));
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
    }

    private void toggleCancelled() {
        SessionView s = session.getValue();
        if (s == null) {
            Notifications.error(getTranslation("attendance.chooseSession"));
            return;
        }
        try {
            attendance.cancelSession(courseId, s.id(), !s.cancelled(), currentUser.require());
            Notifications.success(getTranslation(s.cancelled() ? "attendance.restored" : "attendance.cancelledDone",
                    s.title()));
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
        session.clear();
        load();
        sheet.sessions().stream().filter(x -> x.id() == s.id()).findFirst().ifPresent(session::setValue);
    }

    private Component addSessionForm() {
        TextField title = new TextField(getTranslation("attendance.newTitle"));
        title.setId("new-session-title");
        title.setMaxLength(200);
        DateTimePicker startsAt = Pickers.dateTime(getTranslation("attendance.newStartsAt"));
        startsAt.setId("new-session-starts");
        Button add = new Button(getTranslation("attendance.addSession"), click -> {
            try {
                attendance.addSession(courseId, title.getValue(), startsAt.getValue(), currentUser.require());
                Notifications.success(getTranslation("attendance.sessionAdded", title.getValue().strip()));
                title.clear();
                startsAt.clear();
                load();
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        add.setId("add-session");
        Div form = new Div(title, startsAt, add);
        form.addClassName("att-form");
        return new Div(new H3(getTranslation("attendance.addSessionHeading")),
                new Paragraph(getTranslation("attendance.addSessionHelp")), form);
    }

    private Component ruleForm(AttendanceRule current) {
        BigDecimalField late = new BigDecimalField(getTranslation("attendance.rule.late"));
        late.setId("rule-late");
        late.setValue(current.latePoints());
        BigDecimalField absent = new BigDecimalField(getTranslation("attendance.rule.absent"));
        absent.setId("rule-absent");
        absent.setValue(current.absentPoints());
        IntegerField minutes = new IntegerField(getTranslation("attendance.rule.codeMinutes"));
        minutes.setId("rule-code-minutes");
        minutes.setValue(current.codeMinutes());
        IntegerField grace = new IntegerField(getTranslation("attendance.rule.graceMinutes"));
        grace.setId("rule-grace-minutes");
        grace.setValue(current.graceMinutes());
        int[] version = {current.version()};
        Button save = new Button(getTranslation("attendance.rule.save"), click -> {
            if (late.getValue() == null || absent.getValue() == null || minutes.getValue() == null
                    || grace.getValue() == null) {
                Notifications.error(getTranslation("attendance.rule.incomplete"));
                return;
            }
            try {
                AttendanceRule saved = attendance.saveRule(courseId, new AttendanceRule(late.getValue(),
                        absent.getValue(), minutes.getValue(), grace.getValue(), version[0]), currentUser.require());
                version[0] = saved.version();
                Notifications.success(getTranslation("attendance.rule.saved"));
                load();
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        save.setId("rule-save");
        Div form = new Div(late, absent, minutes, grace, save);
        form.addClassName("att-form");
        Details details = new Details(getTranslation("attendance.rule.edit"), form);
        details.setId("rule-editor");
        return details;
    }

    /** One student's row as this page shows it; cells change as this editor sets marks. */
    private final class Row {
        private final SheetRow row;
        private final Map<Long, Cell> cells;
        private io.lecturelab.attendance.AttendanceGrades.Score score;

        Row(SheetRow row) {
            this.row = row;
            this.cells = new HashMap<>(row.cells());
            this.score = row.score();
        }

        Optional<Status> status(long sessionId) {
            return Optional.ofNullable(cells.get(sessionId)).map(Cell::status);
        }

        String text(long sessionId) {
            return status(sessionId).map(s -> AttendanceTexts.shortStatus(AttendanceSheetView.this, s)).orElse("");
        }

        String partName(long sessionId) {
            return status(sessionId).map(s -> "att-" + s.name().toLowerCase(Locale.ROOT)).orElse(null);
        }

        int version(long sessionId) {
            return Optional.ofNullable(cells.get(sessionId)).map(Cell::version).orElse(0);
        }

        void put(long sessionId, Optional<Cell> cell) {
            cell.ifPresentOrElse(c -> cells.put(sessionId, c), () -> cells.remove(sessionId));
            List<Status> counted = new ArrayList<>();
            for (SessionView s : sheet.sessions()) {
                boolean taken = s.taken() || rows.stream().anyMatch(r -> r.cells.containsKey(s.id()));
                if (s.happened() && !s.cancelled() && taken) {
                    counted.add(cells.get(s.id()) == null ? null : cells.get(s.id()).status());
                }
            }
            score = sheet.rule().score(counted);
        }
    }
}
