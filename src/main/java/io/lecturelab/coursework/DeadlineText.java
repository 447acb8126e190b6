package io.lecturelab.coursework;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Deadlines as people read them: a date with its weekday and a 24-hour minute ("23:59" is the last minute that
 * counts), in the course's zone and in the viewer's own, each named.
 */
public final class DeadlineText {

    private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm",
            Locale.ENGLISH);
    private static final DateTimeFormatter KOREAN = DateTimeFormatter.ofPattern("yyyy. M. d. (E) HH:mm",
            Locale.KOREAN);

    private DeadlineText() {
    }

    /** E.g. "Sat 5 Dec 2026, 23:59 (Asia/Seoul)" or "2026. 12. 5. (토) 23:59 (Asia/Seoul)". */
    public static String at(Instant instant, ZoneId zone, Locale locale) {
        DateTimeFormatter format = Locale.KOREAN.getLanguage().equals(locale.getLanguage()) ? KOREAN : ENGLISH;
        return format.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }

    /** The due minute in the course's zone. */
    public static String courseTime(Deadline deadline, ZoneId course, Locale locale) {
        return at(deadline.due(), course, locale);
    }

    /** The due minute in the viewer's zone. */
    public static String viewerTime(Deadline deadline, ZoneId viewer, Locale locale) {
        return at(deadline.due(), viewer, locale);
    }
}
