package io.lecturelab.attendance.ui;

import com.vaadin.flow.component.Component;
import io.lecturelab.attendance.AttendanceGrades;
import io.lecturelab.attendance.AttendanceRule;
import io.lecturelab.attendance.SessionView;
import io.lecturelab.attendance.Status;
import io.lecturelab.base.i18n.Translations;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the attendance pages say statuses, sessions, points and the rule in the viewer's language. */
final class AttendanceTexts {

    private AttendanceTexts() {
    }

    static String status(Component c, Status status) {
        return c.getTranslation("attendance.status." + status.name());
    }

    static String shortStatus(Component c, Status status) {
        return c.getTranslation("attendance.short." + status.name());
    }

    static String kind(Component c, SessionView session) {
        return c.getTranslation("attendance.kind." + session.kind().name());
    }

    static String day(Component c, ZonedDateTime at) {
        return DateTimeFormatter.ofPattern("MM-dd (EEE)", locale(c)).format(at);
    }

    static String time(Component c, ZonedDateTime at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd (EEE) HH:mm", locale(c)).format(at);
    }

    /** "11-24 (Tue) · Live class · Linear classifiers", with "cancelled" where it is. */
    static String session(Component c, SessionView s) {
        String text = time(c, s.startsAt()) + " · " + kind(c, s) + " · " + s.title();
        return s.cancelled() ? text + " · " + c.getTranslation("attendance.cancelled") : text;
    }

    static String points(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
    }

    /** "1.5 of 3 points (50 %)", or "not graded yet". */
    static String score(Component c, AttendanceGrades.Score score) {
        if (score.possible().signum() == 0) {
            return c.getTranslation("attendance.notGradedYet");
        }
        BigDecimal percent = score.earned().multiply(new BigDecimal(100))
                .divide(score.possible(), 0, RoundingMode.HALF_UP);
        return c.getTranslation("attendance.score", points(score.earned()), points(score.possible()),
                percent.toPlainString());
    }

    /** The rule, stated in full. */
    static String rule(Component c, AttendanceRule rule) {
        return c.getTranslation("attendance.rule.statement", points(rule.latePoints()),
                points(rule.absentPoints()));
    }

    static String codeRule(Component c, AttendanceRule rule) {
        return c.getTranslation("attendance.rule.codes", rule.codeMinutes(), rule.graceMinutes());
    }

    private static Locale locale(Component c) {
        com.vaadin.flow.component.UI ui = com.vaadin.flow.component.UI.getCurrent();
        return Translations.supported(ui == null ? Locale.ENGLISH : ui.getLocale());
    }
}
