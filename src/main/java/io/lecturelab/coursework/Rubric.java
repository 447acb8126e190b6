package io.lecturelab.coursework;

import io.lecturelab.base.UserFacingException;

import java.util.ArrayList;
import java.util.List;

/**
 * An assignment's optional grading rubric, written one item per line as {@code points | description}, e.g.
 * {@code 4 | The loss is computed correctly}. Its items' points add up to the assignment's points.
 */
public record Rubric(List<Item> items) {

    public static final Rubric NONE = new Rubric(List.of());

    public record Item(int points, String description) {
    }

    public Rubric {
        items = List.copyOf(items);
    }

    /** Reads the written form; refuses ({@code assignment.error.rubricLine}, line number) a line it cannot read. */
    public static Rubric parse(String text) {
        List<Item> items = new ArrayList<>();
        String[] lines = (text == null ? "" : text).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int bar = line.indexOf('|');
            try {
                int points = Integer.parseInt(line.substring(0, Math.max(0, bar)).strip());
                String description = line.substring(bar + 1).strip();
                if (points < 0 || description.isEmpty()) {
                    throw new NumberFormatException();
                }
                items.add(new Item(points, description));
            } catch (NumberFormatException e) {
                throw new UserFacingException("assignment.error.rubricLine", i + 1);
            }
        }
        return new Rubric(items);
    }

    public int total() {
        return items.stream().mapToInt(Item::points).sum();
    }

    public String text() {
        return String.join("\n", items.stream().map(i -> i.points() + " | " + i.description()).toList());
    }
}
