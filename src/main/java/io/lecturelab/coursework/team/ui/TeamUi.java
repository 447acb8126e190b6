package io.lecturelab.coursework.team.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Pieces the team pages share: translated date-time pickers and times in course time. */
final class TeamUi {

    private TeamUi() {
    }

    /** A date-time picker whose calendar speaks the user's language and whose two inputs are labelled. */
    static DateTimePicker picker(Component owner, String labelKey, String id) {
        DateTimePicker picker = new DateTimePicker(owner.getTranslation(labelKey));
        picker.setId(id);
        Locale locale = UI.getCurrent() == null ? Locale.ENGLISH : UI.getCurrent().getLocale();
        picker.setLocale(locale);
        picker.setStep(Duration.ofMinutes(15));
        picker.setDateAriaLabel(owner.getTranslation("team.picker.date", owner.getTranslation(labelKey)));
        picker.setTimeAriaLabel(owner.getTranslation("team.picker.time", owner.getTranslation(labelKey)));
        DatePicker.DatePickerI18n i18n = new DatePicker.DatePickerI18n();
        i18n.setMonthNames(list(owner, "team.picker.months"));
        i18n.setWeekdays(list(owner, "team.picker.weekdays"));
        i18n.setWeekdaysShort(list(owner, "team.picker.weekdaysShort"));
        i18n.setToday(owner.getTranslation("team.picker.today"));
        i18n.setCancel(owner.getTranslation("team.picker.cancel"));
        i18n.setFirstDayOfWeek(0);
        i18n.setDateFormat("yyyy-MM-dd");
        picker.setDatePickerI18n(i18n);
        return picker;
    }

    private static List<String> list(Component owner, String key) {
        return Arrays.stream(owner.getTranslation(key).split(",")).map(String::strip).toList();
    }

    /** "Tue 2026-12-08 14:00" in the zone of the given time, in the user's language. */
    static String time(ZonedDateTime at, Locale locale) {
        return DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", locale).format(at);
    }

    static String clock(ZonedDateTime at) {
        return DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).format(at);
    }
}
