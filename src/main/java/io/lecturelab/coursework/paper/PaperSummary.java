package io.lecturelab.coursework.paper;

import java.util.ArrayList;
import java.util.List;

/** A paper of the course's list. */
public record PaperSummary(long id, String title, String authors, String venue, String url) {

    /** "Authors. Title. Venue. URL" with the empty parts left out, as a review cites its paper. */
    public String citation() {
        List<String> parts = new ArrayList<>();
        for (String part : List.of(authors, title, venue)) {
            String clean = part.strip();
            if (!clean.isEmpty()) {
                parts.add(clean.endsWith(".") || clean.endsWith("?") ? clean : clean + ".");
            }
        }
        if (!url.isBlank()) {
            parts.add(url.strip());
        }
        return String.join(" ", parts);
    }
}
