package io.lecturelab.gradebook.letters.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCaption;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.gradebook.letters.ExportFormat;
import io.lecturelab.gradebook.letters.FinalGrades;
import io.lecturelab.gradebook.letters.LetterGradeService;
import io.lecturelab.gradebook.letters.LetterGrades;
import io.lecturelab.gradebook.letters.LetterScale;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ui.CurrentUser;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A course's final letter grades for staff: the histogram of the totals with the cut-offs on it (and the same numbers
 * as a table), a warning for every broken quota, the letter counts, every student's total and letter, and downloads
 * of the gradebook (scores CSV for the import, the whole sheet as CSV or XLSX). Instructors edit the letter scale and
 * its quotas here; teaching assistants read. Every action is decided again in {@link LetterGradeService}.
 */
@Route(value = CourseRoutes.PREFIX + "/gradebook/final", layout = MainLayout.class)
@RequiresCourseRole({CourseRole.TA, CourseRole.INSTRUCTOR})
@CssImport("./styles/letters.css")
public class FinalGradesView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LetterGradeService letters;
    private final CurrentUser currentUser;
    private final Div content = new Div();
    private final Div cutoffRows = new Div();
    private final Div quotaRows = new Div();
    private long courseId;
    private int version;

    public FinalGradesView(LetterGradeService letters, CurrentUser currentUser) {
        this.letters = letters;
        this.currentUser = currentUser;
        addClassName("page");
        addClassName("fg-page");
        content.addClassName("fg-content");
        add(new H2(getTranslation("letters.heading")), content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        FinalGrades grades = letters.finalGrades(courseId, currentUser.require());
        show(grades, true);
    }

    private void show(FinalGrades grades, boolean resetEditor) {
        version = grades.version();
        content.removeAll();
        LetterGrades.Distribution d = grades.distribution();
        Paragraph summary = new Paragraph(getTranslation("letters.summary", grades.students().size(), d.graded(),
                d.notGraded()));
        summary.setId("fg-summary");
        content.add(summary);
        if (grades.partial() > 0) {
            Paragraph partial = new Paragraph(getTranslation("letters.partial", grades.partial()));
            partial.setId("fg-partial");
            partial.addClassName("fg-note");
            content.add(partial);
        }
        content.add(quotas(d));
        content.add(new H3(getTranslation("letters.histogram.heading")), histogram(grades));
        content.add(new H3(getTranslation("letters.counts.heading")), counts(d));
        content.add(new H3(getTranslation("letters.scale.heading")));
        if (grades.editable()) {
            if (resetEditor) {
                fill(grades.scale());
            }
            content.add(editor());
        } else {
            Paragraph readOnly = new Paragraph(getTranslation("letters.scale.readOnly"));
            readOnly.setId("fg-read-only");
            content.add(readOnly, quotaText(grades.scale()));
        }
        content.add(new H3(getTranslation("letters.students.heading")), students(grades));
        content.add(new H3(getTranslation("letters.downloads.heading")), downloads());
    }

    // --- quotas -------------------------------------------------------------------------------------------------------

    private Component quotas(LetterGrades.Distribution d) {
        Div box = new Div();
        box.setId("fg-quotas");
        box.addClassName("fg-quotas");
        if (d.quotas().isEmpty()) {
            return box;
        }
        if (d.graded() == 0) {
            box.add(new Paragraph(getTranslation("letters.quota.nobody")));
            return box;
        }
        for (LetterGrades.QuotaCheck q : d.quotas()) {
            String range = range(q.from(), q.through());
            Div line = new Div();
            line.addClassName(q.broken() ? "fg-quota-broken" : "fg-quota-ok");
            if (q.broken()) {
                line.getElement().setAttribute("role", "alert");
                String text = getTranslation("letters.quota.broken", range, q.percent().toPlainString(), q.graded(),
                        LetterScale.plain(q.maxPercent()), q.over()) + q.cutoffToMeet().map(m -> " "
                        + getTranslation("letters.quota.hint", q.through(), m.toPlainString())).orElse("");
                line.add(VaadinIcon.WARNING.create(), new Span(text));
            } else {
                line.add(VaadinIcon.CHECK.create(), new Span(getTranslation("letters.quota.ok", range,
                        q.percent().toPlainString(), q.graded(), LetterScale.plain(q.maxPercent()))));
            }
            box.add(line);
        }
        return box;
    }

    private String range(String from, String through) {
        return from.equals(through) ? from : getTranslation("letters.range", from, through);
    }

    private Component quotaText(LetterScale scale) {
        Div box = new Div();
        box.setId("fg-quota-rules");
        scale.quotas().forEach(q -> box.add(new Paragraph(getTranslation("letters.quota.rule",
                range(scale.cutoffs().getFirst().letter(), q.through()), LetterScale.plain(q.maxPercent())))));
        if (scale.quotas().isEmpty()) {
            box.add(new Paragraph(getTranslation("letters.quota.none")));
        }
        return box;
    }

    // --- histogram ----------------------------------------------------------------------------------------------------

    private Component histogram(FinalGrades grades) {
        TotalsHistogram chart = new TotalsHistogram();
        chart.setId("fg-histogram");
        chart.setWidthFull();
        chart.show(grades.histogram(), grades.scale(), getTranslation("letters.histogram.x"),
                getTranslation("letters.histogram.y"), getTranslation("letters.histogram.summary",
                        grades.distribution().graded(), FinalGrades.BIN_WIDTH, cutoffList(grades.scale())));
        NativeTableBody rows = new NativeTableBody();
        List<LetterGrades.Bin> bins = new ArrayList<>(grades.histogram());
        java.util.Collections.reverse(bins);
        for (LetterGrades.Bin b : bins) {
            boolean last = b.to().intValue() == 100;
            String label = getTranslation(last ? "letters.bin.last" : "letters.bin", b.from().toPlainString(),
                    b.to().toPlainString());
            rows.add(new NativeTableRow(new NativeTableHeaderCell(label), cell(Integer.toString(b.count()))));
        }
        NativeTableCaption caption = new NativeTableCaption();
        caption.setText(getTranslation("letters.histogram.caption", FinalGrades.BIN_WIDTH));
        NativeTable table = new NativeTable(caption, new NativeTableHeader(new NativeTableRow(
                new NativeTableHeaderCell(getTranslation("letters.histogram.x")),
                new NativeTableHeaderCell(getTranslation("letters.histogram.y")))), rows);
        table.setId("fg-histogram-table");
        table.addClassName("fg-table");
        Details asTable = new Details(getTranslation("letters.histogram.asTable"), box(table,
                "letters.histogram.asTable"));
        asTable.setId("fg-histogram-details");
        return new Div(chart, asTable);
    }

    private String cutoffList(LetterScale scale) {
        List<String> parts = new ArrayList<>();
        scale.cutoffs().forEach(c -> parts.add(getTranslation("letters.cutoffFrom", c.letter(),
                LetterScale.plain(c.minimum()))));
        return String.join(", ", parts);
    }

    // --- counts -------------------------------------------------------------------------------------------------------

    private Component counts(LetterGrades.Distribution d) {
        NativeTableBody rows = new NativeTableBody();
        int cumulative = 0;
        for (LetterGrades.LetterCount c : d.letters()) {
            cumulative += c.count();
            rows.add(new NativeTableRow(new NativeTableHeaderCell(c.letter()),
                    cell(LetterScale.plain(c.minimum())), cell(Integer.toString(c.count())),
                    cell(percent(c.count(), d.graded())), cell(percent(cumulative, d.graded()))));
        }
        NativeTableRow notGraded = new NativeTableRow(new NativeTableHeaderCell(getTranslation("letters.notGraded")),
                cell(""), cell(Integer.toString(d.notGraded())), cell(""), cell(""));
        notGraded.setId("fg-not-graded-row");
        rows.add(notGraded);
        NativeTable table = new NativeTable(new NativeTableHeader(new NativeTableRow(
                new NativeTableHeaderCell(getTranslation("letters.col.letter")),
                new NativeTableHeaderCell(getTranslation("letters.col.from")),
                new NativeTableHeaderCell(getTranslation("letters.col.students")),
                new NativeTableHeaderCell(getTranslation("letters.col.percent")),
                new NativeTableHeaderCell(getTranslation("letters.col.cumulative")))), rows);
        table.setId("fg-counts");
        table.addClassName("fg-table");
        return box(table, "letters.counts.heading");
    }

    private static String percent(int count, int of) {
        if (of == 0) {
            return "–";
        }
        return BigDecimal.valueOf(count * 100L).divide(BigDecimal.valueOf(of), 1, RoundingMode.HALF_UP)
                .toPlainString() + " %";
    }

    // --- students -----------------------------------------------------------------------------------------------------

    private Component students(FinalGrades grades) {
        NativeTableBody rows = new NativeTableBody();
        for (FinalGrades.StudentGrade s : grades.students()) {
            NativeTableRow row = new NativeTableRow(cell(s.number()), cell(s.name()),
                    cell(s.total().map(BigDecimal::toPlainString).orElse("–")
                            + (s.total().isPresent() && !s.complete() ? " *" : "")),
                    cell(s.letter().orElseGet(() -> getTranslation("letters.notGraded"))));
            row.getElement().setAttribute("data-number", s.number());
            rows.add(row);
        }
        NativeTable table = new NativeTable(new NativeTableHeader(new NativeTableRow(
                new NativeTableHeaderCell(getTranslation("letters.export.number")),
                new NativeTableHeaderCell(getTranslation("letters.export.name")),
                new NativeTableHeaderCell(getTranslation("letters.export.total")),
                new NativeTableHeaderCell(getTranslation("letters.export.letter")))), rows);
        table.setId("fg-students");
        table.addClassName("fg-table");
        Div students = new Div(box(table, "letters.students.heading"));
        if (grades.partial() > 0) {
            students.add(new Paragraph(getTranslation("letters.partialMark")));
        }
        return students;
    }

    // --- editor -------------------------------------------------------------------------------------------------------

    private void fill(LetterScale scale) {
        cutoffRows.removeAll();
        quotaRows.removeAll();
        scale.cutoffs().forEach(c -> addCutoffRow(c.letter(), LetterScale.plain(c.minimum())));
        scale.quotas().forEach(q -> addQuotaRow(q.through(), LetterScale.plain(q.maxPercent())));
    }

    private Component editor() {
        cutoffRows.setId("fg-cutoffs");
        cutoffRows.addClassName("fg-rows");
        quotaRows.setId("fg-quota-editor");
        quotaRows.addClassName("fg-rows");
        Button addCutoff = new Button(getTranslation("letters.scale.addLetter"), VaadinIcon.PLUS.create(),
                click -> addCutoffRow("", ""));
        addCutoff.setId("fg-add-letter");
        Button addQuota = new Button(getTranslation("letters.scale.addQuota"), VaadinIcon.PLUS.create(),
                click -> addQuotaRow("", ""));
        addQuota.setId("fg-add-quota");
        Button save = new Button(getTranslation("letters.scale.save"), click -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("fg-save");
        Button reset = new Button(getTranslation("letters.scale.default"), click -> fill(LetterScale.DEFAULT));
        reset.setId("fg-default");
        Div actions = new Div(save, reset);
        actions.addClassName("fg-actions");
        Div editor = new Div(new Paragraph(getTranslation("letters.scale.help")), cutoffRows, addCutoff,
                new Paragraph(getTranslation("letters.quota.help")), quotaRows, addQuota, actions);
        editor.setId("fg-editor");
        editor.addClassName("fg-editor");
        return editor;
    }

    private void addCutoffRow(String letter, String minimum) {
        TextField letterField = new TextField(getTranslation("letters.scale.letter"));
        letterField.setValue(letter);
        letterField.addClassName("fg-letter");
        letterField.setMaxLength(LetterScale.MAX_LETTER_LENGTH);
        TextField minimumField = new TextField(getTranslation("letters.scale.minimum"));
        minimumField.setValue(minimum);
        minimumField.addClassName("fg-minimum");
        Div row = new Div(letterField, minimumField);
        Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> cutoffRows.remove(row));
        remove.setAriaLabel(getTranslation("letters.scale.removeLetter"));
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        row.add(remove);
        row.addClassName("fg-row");
        cutoffRows.add(row);
    }

    private void addQuotaRow(String through, String percent) {
        TextField throughField = new TextField(getTranslation("letters.quota.through"));
        throughField.setValue(through);
        throughField.addClassName("fg-through");
        throughField.setMaxLength(LetterScale.MAX_LETTER_LENGTH);
        TextField percentField = new TextField(getTranslation("letters.quota.max"));
        percentField.setValue(percent);
        percentField.addClassName("fg-max");
        Div row = new Div(throughField, percentField);
        Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> quotaRows.remove(row));
        remove.setAriaLabel(getTranslation("letters.quota.remove"));
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        row.add(remove);
        row.addClassName("fg-row");
        quotaRows.add(row);
    }

    private void save() {
        try {
            List<LetterScale.Cutoff> cutoffs = new ArrayList<>();
            cutoffRows.getChildren().forEach(row -> {
                List<TextField> fields = fields(row);
                cutoffs.add(new LetterScale.Cutoff(fields.get(0).getValue(), number(fields.get(1).getValue())));
            });
            List<LetterScale.Quota> quotas = new ArrayList<>();
            quotaRows.getChildren().forEach(row -> {
                List<TextField> fields = fields(row);
                quotas.add(new LetterScale.Quota(fields.get(0).getValue(), number(fields.get(1).getValue())));
            });
            FinalGrades saved = letters.saveScale(courseId, cutoffs, quotas, version, currentUser.require());
            Notifications.success(getTranslation("letters.scale.saved"));
            show(saved, true);
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
    }

    private static List<TextField> fields(Component row) {
        return row.getChildren().filter(TextField.class::isInstance).map(TextField.class::cast).toList();
    }

    /** A number as typed (a decimal comma is read as a point); anything else is refused with the text named. */
    private static BigDecimal number(String text) {
        String clean = text == null ? "" : text.strip().replace(',', '.');
        if (!clean.matches("[0-9]{1,3}(\\.[0-9]+)?")) {
            throw new UserFacingException("letters.error.number", text == null ? "" : text.strip());
        }
        return new BigDecimal(clean);
    }

    // --- downloads ----------------------------------------------------------------------------------------------------

    private Component downloads() {
        Div box = new Div(download(ExportFormat.SCORES_CSV, "letters.download.scores", "fg-download-scores"),
                download(ExportFormat.SHEET_CSV, "letters.download.sheetCsv", "fg-download-csv"),
                download(ExportFormat.SHEET_XLSX, "letters.download.sheetXlsx", "fg-download-xlsx"));
        box.addClassName("fg-downloads");
        return new Div(new Paragraph(getTranslation("letters.download.help")), box);
    }

    private Anchor download(ExportFormat format, String labelKey, String id) {
        SignedInUser user = currentUser.require();
        Locale language = getLocale();
        long course = courseId;
        DownloadHandler handler = event -> {
            event.setFileName(letters.fileName(course, format, language, user));
            event.setContentType(format.contentType());
            letters.writeSheet(course, format, language, user, event.getOutputStream());
        };
        Anchor link = new Anchor(handler, getTranslation(labelKey));
        link.setDownload(true);
        link.setId(id);
        link.addClassName("fg-download");
        return link;
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    private static NativeTableCell cell(String text) {
        return new NativeTableCell(text);
    }

    /**
     * A wide table scrolls inside its own box, never the page; the box is reachable from the keyboard (WCAG 2.1.1)
     * and says what it holds.
     */
    private Div box(Component table, String labelKey) {
        Div box = new Div(table);
        box.addClassName("fg-table-box");
        box.getElement().setAttribute("tabindex", "0");
        box.getElement().setAttribute("role", "region");
        box.getElement().setAttribute("aria-label", getTranslation(labelKey));
        return box;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("letters.heading");
    }
}
