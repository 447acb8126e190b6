package io.lecturelab.course;

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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * A class roster read from CSV: one student a line as {@code student id, name, email}, UTF-8 (a byte-order mark is
 * fine), with an optional header line. A file separated by semicolons is refused with a hint to save it with commas.
 * Either every line is good and {@link #students()} holds them, or
 * {@link #problems()} says, by line, what is wrong.
 */
public record Roster(List<Student> students, List<RosterProblem> problems) {

    private static final Set<String> HEADER_NAMES = Set.of("student_id", "student id", "studentid", "id", "학번");
    private static final Pattern STUDENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{1,31}");
    private static final int COLUMNS = 3;
    private static final int MAX_NAME = 128;

    /** One good roster line. */
    public record Student(long line, String studentId, String name, String email) {
    }

    public boolean isClean() {
        return problems.isEmpty();
    }

    public static Roster parse(byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return failed(new RosterProblem(0, "roster.error.encoding"));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Student> students = new ArrayList<>();
        List<RosterProblem> problems = new ArrayList<>();
        Map<String, Long> idLines = new HashMap<>();
        Map<String, Long> emailLines = new HashMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get();
        int[] lineStarts = lineStarts(text);
        boolean semicolons = false;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                long line = lineOf(lineStarts, firstVisible(text, record.getCharacterPosition()));
                if (record.size() != COLUMNS && record.stream().anyMatch(value -> value.contains(";"))) {
                    // Separated by semicolons (as spreadsheets save "CSV" in some languages): one hint, not a
                    // column count for every line.
                    semicolons = true;
                    continue;
                }
                if (record.getRecordNumber() == 1 && HEADER_NAMES.contains(record.get(0).toLowerCase(Locale.ROOT))) {
                    continue;
                }
                check(record, line, idLines, emailLines, students, problems);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            problems.add(new RosterProblem(problems.isEmpty() && students.isEmpty() ? 1 : lastLine(students, problems) + 1,
                    "roster.error.malformed"));
        }
        if (semicolons) {
            problems.addFirst(new RosterProblem(0, "roster.error.semicolon"));
        }
        if (students.isEmpty() && problems.isEmpty()) {
            problems.add(new RosterProblem(0, "roster.error.empty"));
        }
        return problems.isEmpty() ? new Roster(List.copyOf(students), List.of()) : failed(problems);
    }

    private static void check(CSVRecord record, long line, Map<String, Long> idLines, Map<String, Long> emailLines,
                              List<Student> students, List<RosterProblem> problems) {
        if (record.size() != COLUMNS) {
            problems.add(new RosterProblem(line, "roster.error.columns", record.size()));
            return;
        }
        String id = record.get(0);
        String name = record.get(1);
        String email = record.get(2).toLowerCase(Locale.ROOT);
        int before = problems.size();
        if (!STUDENT_ID.matcher(id).matches()) {
            problems.add(new RosterProblem(line, "roster.error.studentId", id));
        } else {
            Long earlier = idLines.putIfAbsent(id.toLowerCase(Locale.ROOT), line);
            if (earlier != null) {
                problems.add(new RosterProblem(line, "roster.error.duplicateId", id, earlier));
            }
        }
        if (name.isEmpty() || name.length() > MAX_NAME) {
            problems.add(new RosterProblem(line, "roster.error.name"));
        }
        if (!CourseSettings.isEmail(email)) {
            problems.add(new RosterProblem(line, "roster.error.email", email));
        } else {
            Long earlier = emailLines.putIfAbsent(email, line);
            if (earlier != null) {
                problems.add(new RosterProblem(line, "roster.error.duplicateEmail", email, earlier));
            }
        }
        if (problems.size() == before) {
            students.add(new Student(line, id, name, email));
        }
    }

    private static int[] lineStarts(String text) {
        return IntStream.concat(IntStream.of(0),
                IntStream.range(0, text.length()).filter(i -> text.charAt(i) == '\n').map(i -> i + 1))
                .toArray();
    }

    /** A record's position can point at the empty lines skipped before it; its line is that of its first character. */
    private static long firstVisible(String text, long position) {
        int i = (int) position;
        while (i < text.length() && (text.charAt(i) == '\r' || text.charAt(i) == '\n')) {
            i++;
        }
        return i;
    }

    /** 1-based line of a character position. */
    private static long lineOf(int[] lineStarts, long position) {
        int index = Arrays.binarySearch(lineStarts, (int) position);
        return index >= 0 ? index + 1 : -index - 1;
    }

    private static long lastLine(List<Student> students, List<RosterProblem> problems) {
        long last = students.isEmpty() ? 0 : students.getLast().line();
        return Math.max(last, problems.isEmpty() ? 0 : problems.getLast().line());
    }

    private static Roster failed(RosterProblem problem) {
        return failed(List.of(problem));
    }

    private static Roster failed(List<RosterProblem> problems) {
        return new Roster(List.of(), List.copyOf(problems));
    }
}
