package io.lecturelab.announcement.ui;

import com.vaadin.flow.component.UI;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** Dates of announcements in the course's time zone, written the way the viewer's language writes them. */
final class When {

    private When() {
    }

    static String of(Instant at, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(UI.getCurrent().getLocale()).format(at.atZone(zone));
    }
}
