package io.lecturelab.coursework.paper;

/** A paper as staff type it; the link may be an http(s) address or an arXiv id. */
public record PaperDraft(String title, String authors, String venue, String link) {

    public PaperDraft {
        title = title == null ? "" : title;
        authors = authors == null ? "" : authors;
        venue = venue == null ? "" : venue;
        link = link == null ? "" : link;
    }
}
