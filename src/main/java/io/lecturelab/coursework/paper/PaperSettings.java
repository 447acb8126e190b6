package io.lecturelab.coursework.paper;

/** How many students a paper takes at most, and how many papers a student ranks. */
public record PaperSettings(int capPerPaper, int choices) {

    public static final int MAX_CAP = 100;
    public static final int MAX_CHOICES = 5;
}
