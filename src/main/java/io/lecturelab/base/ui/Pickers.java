package io.lecturelab.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;

import java.text.DateFormatSymbols;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Date and time pickers that speak the user's language: month and weekday names from the JDK's locale data,
 * "Today"/"Cancel" from the app's translations, weeks starting on Sunday (as Korean and US calendars do), and a
 * 24-hour clock.
 */
public final class Pickers {

    private Pickers() {
    }

    public static DateTimePicker dateTime(String label) {
        DateTimePicker picker = new DateTimePicker(label);
        UI ui = UI.getCurrent();
        Locale locale = ui == null ? Locale.ENGLISH : ui.getLocale();
        picker.setLocale(Locale.KOREAN.getLanguage().equals(locale.getLanguage()) ? Locale.KOREA : Locale.UK);
        picker.setDatePickerI18n(i18n(locale, ui));
        if (ui != null) {
            WidgetTexts.dateTime(picker, ui);
        }
        picker.setDatePlaceholder(text(ui, "picker.date"));
        picker.setTimePlaceholder(text(ui, "picker.time"));
        return picker;
    }

    static DatePicker.DatePickerI18n i18n(Locale locale, UI ui) {
        DateFormatSymbols symbols = DateFormatSymbols.getInstance(locale);
        List<String> months = Arrays.stream(symbols.getMonths()).limit(12).toList();
        List<String> weekdays = Arrays.stream(symbols.getWeekdays()).skip(1).toList();
        List<String> shortWeekdays = Arrays.stream(symbols.getShortWeekdays()).skip(1).toList();
        return new DatePicker.DatePickerI18n().setMonthNames(months).setWeekdays(weekdays)
                .setWeekdaysShort(shortWeekdays).setFirstDayOfWeek(0).setToday(text(ui, "picker.today"))
                .setCancel(text(ui, "picker.cancel"));
    }

    private static String text(UI ui, String key) {
        return ui == null ? key : ui.getTranslation(key);
    }
}
