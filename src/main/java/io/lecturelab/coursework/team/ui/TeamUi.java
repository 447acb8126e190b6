package io.lecturelab.coursework.team.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import io.lecturelab.base.ui.Pickers;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Pieces the team pages share: translated date-time pickers and times in course time. */
final class TeamUi {

    private TeamUi() {
    }

    /** The shared date-time picker in the user's language, with both of its inputs labelled. */
    static DateTimePicker picker(Component owner, String labelKey, String id) {
        String label = owner.getTranslation(labelKey);
        DateTimePicker picker = Pickers.dateTime(label);
        picker.setId(id);
        picker.setStep(Duration.ofMinutes(15));
        picker.setDateAriaLabel(owner.getTranslation("team.picker.date", label));
        picker.setTimeAriaLabel(owner.getTranslation("team.picker.time", label));
        return picker;
    }

    /** "Tue 2026-12-08 14:00" in the zone of the given time, in the user's language. */
    static String time(ZonedDateTime at, Locale locale) {
        return DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", locale).format(at);
    }

    static String clock(ZonedDateTime at) {
        return DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).format(at);
    }
}
