package io.lecturelab.gradebook;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A score file read from CSV, UTF-8 (a byte-order mark is fine): one score a line as
 * {@code student number, item, points} with an optional fourth column "excused" (excused, yes, true, x, 1, 면제),
 * and an optional header line. Lines are only split here; what they mean is decided against the gradebook.
 */
record ScoreFile(List<Line> lines, List<ImportProblem> problems) {

    private static final Set<String> HEADER_NAMES = Set.of("student", "student number", "student_number",
            "student id", "student_id", "studentid", "number", "학번");
    private static final Set<String> YES = Set.of("excused", "yes", "y", "true", "x", "1", "면제", "예");
    private static final Set<String> NO = Set.of("", "no", "n", "false", "0", "아니오");

    /** One line as written; {@code excused} is already read. */
    record Line(long line, String studentNumber, String item, String points, boolean excused) {
    }

    static ScoreFile parse(byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return new ScoreFile(List.of(), List.of(new ImportProblem(0, "gradebook.import.encoding")));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Line> lines = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                long line = lineOf(text, record.getCharacterPosition());
                if (record.getRecordNumber() == 1 && HEADER_NAMES.contains(record.get(0).toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (record.size() < 3 || record.size() > 4) {
                    problems.add(new ImportProblem(line, "gradebook.import.columns", record.size()));
                    continue;
                }
                String excused = record.size() == 4 ? record.get(3).toLowerCase(Locale.ROOT) : "";
                if (!YES.contains(excused) && !NO.contains(excused)) {
                    problems.add(new ImportProblem(line, "gradebook.import.excusedValue", record.get(3)));
                    continue;
                }
                lines.add(new Line(line, record.get(0), record.get(1), record.get(2), YES.contains(excused)));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            problems.add(new ImportProblem(0, "gradebook.import.malformed"));
        }
        if (lines.isEmpty() && problems.isEmpty()) {
            problems.add(new ImportProblem(0, "gradebook.import.empty"));
        }
        return new ScoreFile(List.copyOf(lines), List.copyOf(problems));
    }

    /** 1-based line of a character position (empty lines skipped before a record count as before it). */
    private static long lineOf(String text, long position) {
        int i = (int) position;
        while (i < text.length() && (text.charAt(i) == '\r' || text.charAt(i) == '\n')) {
            i++;
        }
        long line = 1;
        for (int k = 0; k < i && k < text.length(); k++) {
            if (text.charAt(k) == '\n') {
                line++;
            }
        }
        return line;
    }
}
