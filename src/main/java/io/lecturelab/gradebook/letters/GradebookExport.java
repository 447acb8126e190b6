package io.lecturelab.gradebook.letters;

import io.lecturelab.gradebook.GradebookLayout;
import io.lecturelab.gradebook.GradebookSheet;
import io.lecturelab.gradebook.Mark;
import io.lecturelab.gradebook.Standing;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Writes a gradebook out. The scores file has the columns the gradebook's CSV import reads, so it can be imported
 * back unchanged; the sheet has one row per student for people (and Excel) to read. CSV files start with a UTF-8
 * byte-order mark so that Excel reads Korean names as Korean.
 */
final class GradebookExport {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** Words the import reads in its header line and fourth column. */
    static final String[] SCORES_HEADER = {"student number", "item", "points", "excused"};
    static final String EXCUSED = "excused";

    private GradebookExport() {
    }

    /**
     * {@code student number, item, points, excused}: one line per cell that holds something — points, or "excused".
     * A coursework item's points are left out (the import refuses them: they come from the assignment), its
     * "excused" is kept. Empty cells are left out: the import has no way to say "empty".
     */
    static byte[] scores(GradebookSheet sheet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
            csv.printRecord((Object[]) SCORES_HEADER);
            for (GradebookSheet.Row row : sheet.rows()) {
                for (GradebookLayout.CategoryView c : sheet.layout().categories()) {
                    for (GradebookLayout.ItemView item : c.items()) {
                        GradebookSheet.Cell cell = row.cells().get(item.id());
                        if (cell == null) {
                            continue;
                        }
                        Mark mark = cell.mark();
                        if (mark.excused()) {
                            csv.printRecord(row.number(), item.title(), "", EXCUSED);
                        } else if (mark.graded() && !cell.readOnlyPoints()) {
                            csv.printRecord(row.number(), item.title(), LetterScale.plain(mark.points()), "");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A value of the sheet: text, or a number (written as a number in a workbook). */
    record Value(String text, BigDecimal number) {

        static Value text(String text) {
            return new Value(text == null ? "" : text, null);
        }

        static Value number(BigDecimal number) {
            return new Value(null, number);
        }

        String asText() {
            return number != null ? number.toPlainString() : text;
        }
    }

    /** The sheet as a table: the header and one row per student. */
    record Table(List<String> header, List<List<Value>> rows) {
    }

    /**
     * Number, name, every item (points out of its maximum, or "excused"; empty when not graded yet), every category's
     * subtotal in percent, the total and the letter ("not graded" without a total).
     * {@code texts} turns a message key and arguments into the reader's language.
     */
    static Table table(GradebookSheet sheet, FinalGrades grades, BiFunction<String, Object[], String> texts) {
        List<String> header = new ArrayList<>(List.of(texts.apply("letters.export.number", new Object[0]),
                texts.apply("letters.export.name", new Object[0])));
        List<GradebookLayout.ItemView> items = new ArrayList<>();
        for (GradebookLayout.CategoryView c : sheet.layout().categories()) {
            for (GradebookLayout.ItemView item : c.items()) {
                items.add(item);
                header.add(texts.apply("letters.export.item", new Object[] {item.title(),
                        LetterScale.plain(item.maxPoints())}));
            }
        }
        for (GradebookLayout.CategoryView c : sheet.layout().categories()) {
            header.add(texts.apply("letters.export.category", new Object[] {c.name(), LetterScale.plain(c.weight())}));
        }
        header.add(texts.apply("letters.export.total", new Object[0]));
        header.add(texts.apply("letters.export.letter", new Object[0]));
        String excused = texts.apply("letters.export.excused", new Object[0]);
        String notGraded = texts.apply("letters.notGraded", new Object[0]);
        Map<Long, FinalGrades.StudentGrade> letters = new java.util.HashMap<>();
        grades.students().forEach(s -> letters.put(s.userId(), s));
        List<List<Value>> rows = new ArrayList<>();
        for (GradebookSheet.Row row : sheet.rows()) {
            List<Value> line = new ArrayList<>(List.of(Value.text(row.number()), Value.text(row.name())));
            for (GradebookLayout.ItemView item : items) {
                Mark mark = Optional.ofNullable(row.cells().get(item.id())).map(GradebookSheet.Cell::mark)
                        .orElse(Mark.EMPTY);
                line.add(mark.excused() ? Value.text(excused) : mark.graded() ? Value.number(mark.points())
                        : Value.text(""));
            }
            for (Standing.Subtotal s : row.standing().subtotals()) {
                line.add(s.percent().map(Value::number).orElse(Value.text("")));
            }
            line.add(row.standing().total().map(Value::number).orElse(Value.text("")));
            line.add(Value.text(Optional.ofNullable(letters.get(row.userId())).flatMap(FinalGrades.StudentGrade::letter)
                    .orElse(notGraded)));
            rows.add(line);
        }
        return new Table(List.copyOf(header), List.copyOf(rows));
    }

    static void csv(Table table, OutputStream out) throws IOException {
        out.write(BOM);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get());
        csv.printRecord(table.header().stream().map(GradebookExport::inert).toList());
        for (List<Value> row : table.rows()) {
            csv.printRecord(row.stream().map(v -> v.number() != null ? v.asText() : inert(v.text())).toList());
        }
        csv.flush();
    }

    static void xlsx(Table table, String sheetName, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "LectureLab", "1.0");
        Worksheet sheet = workbook.newWorksheet(sheetName(sheetName));
        for (int c = 0; c < table.header().size(); c++) {
            sheet.value(0, c, table.header().get(c));
            sheet.style(0, c).bold().wrapText(true).set();
        }
        for (int r = 0; r < table.rows().size(); r++) {
            List<Value> row = table.rows().get(r);
            for (int c = 0; c < row.size(); c++) {
                Value v = row.get(c);
                if (v.number() != null) {
                    sheet.value(r + 1, c, v.number());
                    sheet.style(r + 1, c).format("0.00").set();
                } else if (!v.text().isEmpty()) {
                    // strings are never formulas in a workbook; student numbers keep their leading zeros
                    sheet.value(r + 1, c, v.text());
                }
            }
        }
        sheet.width(0, 14);
        sheet.width(1, 18);
        sheet.freezePane(2, 1);
        workbook.finish();
    }

    /**
     * A text cell Excel will not run as a formula: one starting with {@code = + - @} or a tab gets a leading
     * apostrophe. Only for the sheet; the scores file keeps titles as they are so the import finds its items.
     */
    static String inert(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    /** A worksheet name Excel accepts: at most 31 characters, none of {@code []:*?/\}. */
    static String sheetName(String name) {
        String clean = name.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
        if (clean.isEmpty()) {
            clean = "Sheet1";
        }
        return clean.length() > 31 ? clean.substring(0, 31) : clean;
    }

    /** A file name from the course title: no path separators or characters Windows refuses, at most 120 long. */
    static String fileName(String courseTitle, String what, ExportFormat format) {
        String base = (courseTitle + " - " + what).replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", " ")
                .replaceAll("\\s+", " ").strip();
        if (base.length() > 120) {
            base = base.substring(0, 120).strip();
        }
        return base + "." + format.extension();
    }
}
