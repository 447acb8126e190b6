package io.lecturelab.coursework.paper;

import java.util.function.BiFunction;

/** A review as one Markdown document: a heading with the paper, its citation, the sections and the score. */
final class ReviewMarkdown {

    private ReviewMarkdown() {
    }

    /** @param translate a message key and its arguments to text in the reviewer's language */
    static String of(PaperSummary paper, ReviewText review, BiFunction<String, Object[], String> translate) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(translate.apply("review.markdown.title", new Object[] {oneLine(paper.title())}))
                .append("\n\n");
        md.append("**").append(translate.apply("review.markdown.paper", new Object[0])).append("** ")
                .append(oneLine(paper.citation())).append("\n\n");
        for (ReviewSection section : ReviewSection.values()) {
            md.append("## ").append(translate.apply("review.section." + section.key(), new Object[0]))
                    .append("\n\n").append(review.text(section).strip()).append("\n\n");
        }
        review.score().ifPresent(score -> md.append("**")
                .append(translate.apply("review.score", new Object[0])).append(":** ").append(score).append(" / ")
                .append(ReviewText.MAX_SCORE).append(" — ")
                .append(translate.apply("review.score." + score, new Object[0])).append('\n'));
        return md.toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
