package io.lecturelab.coursework;

import io.lecturelab.base.i18n.Translations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A deadline in words, for pages and lists: the due minute in the course's time zone and in the viewer's own, each
 * with the zone named ("Fri 5 Dec 2026, 23:59 (Asia/Seoul)", "2026. 12. 5. (금) 23:59 (Asia/Seoul)"), and the time
 * left. Day and month names come from the locale's calendar data; English for every language but Korean, as the
 * rest of the application.
 */
public final class DeadlineText {

    private static final Locale KOREAN = Locale.KOREAN;
    private static final DateTimeFormatter ENGLISH_FORMAT =
            DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter KOREAN_FORMAT =
            DateTimeFormatter.ofPattern("uuuu. M. d. (E) HH:mm", KOREAN);
    /** The app's own translations, read outside a Vaadin request as well. */
    private static final Translations TRANSLATIONS = new Translations();

    private DeadlineText() {
    }

    /** The due minute in the course's time zone, e.g. "Fri 5 Dec 2026, 23:59 (Asia/Seoul)". */
    public static String courseTime(Deadline deadline, ZoneId course, Locale locale) {
        return at(deadline.due(), course, locale);
    }

    /** The due minute in the viewer's own time zone, e.g. "Fri 5 Dec 2026, 09:59 (America/New_York)". */
    public static String viewerTime(Deadline deadline, ZoneId viewer, Locale locale) {
        return at(deadline.due(), viewer, locale);
    }

    /**
     * Whether the viewer's clock shows the due minute differently from the course's (so a page shows both); false
     * when both zones have the same offset at that instant.
     */
    public static boolean viewerTimeDiffers(Deadline deadline, ZoneId course, ZoneId viewer) {
        return !course.getRules().getOffset(deadline.due()).equals(viewer.getRules().getOffset(deadline.due()));
    }

    /** Any instant (a due date, a cut-off) as a minute in {@code zone}, with the zone named. */
    public static String at(Instant instant, ZoneId zone, Locale locale) {
        DateTimeFormatter format = korean(locale) ? KOREAN_FORMAT : ENGLISH_FORMAT;
        return format.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }

    /**
     * Time left as whole units, rounded down so it never promises more than there is: "2 days, 3 hours",
     * "5 hours, 0 minutes", "12 minutes", "less than a minute"; zero or less: the deadline has passed.
     */
    public static String timeLeft(Duration left, Locale locale) {
        if (left.isNegative() || left.isZero()) {
            return text(locale, "assignment.timeLeft.passed");
        }
        if (left.toDays() > 0) {
            return text(locale, "assignment.timeLeft.days", left.toDays(), left.toHoursPart());
        }
        if (left.toHours() > 0) {
            return text(locale, "assignment.timeLeft.hours", left.toHours(), left.toMinutesPart());
        }
        if (left.toMinutes() > 0) {
            return text(locale, "assignment.timeLeft.minutes", left.toMinutes());
        }
        return text(locale, "assignment.timeLeft.underMinute");
    }

    private static boolean korean(Locale locale) {
        return Translations.supported(locale).equals(Translations.KOREAN);
    }

    private static String text(Locale locale, String key, Object... args) {
        return TRANSLATIONS.getTranslation(key, locale, args);
    }
}
