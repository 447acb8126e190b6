package io.lecturelab.coursework.paper;

/**
 * The parts of a review, in the order a paper is built (abstract, introduction and related work, method,
 * experiments, conclusion) followed by the reviewer's judgement. Each has a minimum length in characters (Unicode
 * code points of the text without surrounding blanks), checked when the review is submitted, never while drafting.
 */
public enum ReviewSection {
    SUMMARY("summary", 300),
    PROBLEM("problem", 200),
    METHOD("method", 200),
    EXPERIMENTS("experiments", 200),
    STRENGTHS("strengths", 150),
    WEAKNESSES("weaknesses", 150),
    QUESTIONS("questions", 50),
    ASSESSMENT("assessment", 200);

    /** No section may be longer than this (characters). */
    public static final int MAX_LENGTH = 20_000;

    private final String key;
    private final int minLength;

    ReviewSection(String key, int minLength) {
        this.key = key;
        this.minLength = minLength;
    }

    /** The section's name in the draft's JSON, its message keys ({@code review.section.<key>}) and element ids. */
    public String key() {
        return key;
    }

    public int minLength() {
        return minLength;
    }

    /** The length that counts against the minimum: characters without the blanks around the text. */
    public static int length(String text) {
        String clean = text == null ? "" : text.strip();
        return clean.codePointCount(0, clean.length());
    }
}
