package io.lecturelab.coursework.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import io.lecturelab.coursework.AssignmentKind;
import io.lecturelab.coursework.Deadline;
import io.lecturelab.coursework.DeadlineText;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/** The words coursework pages share: kinds, deadlines in two zones, time left, sizes. */
final class Texts {

    private Texts() {
    }

    /** The language of the page {@code c} is on. */
    static Locale locale(Component c) {
        return c.getUI().or(() -> Optional.ofNullable(UI.getCurrent())).map(UI::getLocale).orElse(Locale.ENGLISH);
    }

    static String kind(Component c, AssignmentKind kind) {
        return c.getTranslation("assignment.kind." + kind.name());
    }

    /** "Due …(course zone)", plus the viewer's own time when their zone differs. */
    static String due(Component c, Deadline deadline, ZoneId course, Optional<ZoneId> viewer) {
        Locale locale = locale(c);
        String text = c.getTranslation(deadline.extended() ? "assignment.dueExtended" : "assignment.due",
                DeadlineText.courseTime(deadline, course, locale));
        if (viewer.isPresent() && !viewer.get().getRules().equals(course.getRules())) {
            text += " · " + c.getTranslation("assignment.yourTime", DeadlineText.viewerTime(deadline,
                    viewer.get(), locale));
        }
        return text;
    }

    static String cutoff(Component c, Deadline deadline, ZoneId course) {
        return deadline.cutoff().map(at -> c.getTranslation("assignment.cutoffAt",
                DeadlineText.at(at, course, locale(c)))).orElse(c.getTranslation("assignment.noCutoff"));
    }

    /** Time left until the deadline, or that it has passed, or that the work is closed. */
    static String timeLeft(Component c, Deadline deadline, Instant now) {
        if (deadline.isClosed(now)) {
            return c.getTranslation("assignment.closed");
        }
        if (deadline.isLate(now)) {
            return c.getTranslation("assignment.lateNow");
        }
        return c.getTranslation("assignment.left", DeadlineText.timeLeft(deadline.timeLeft(now), locale(c)));
    }

    static Span badge(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add("badge " + theme);
        return badge;
    }

    static String size(Component c, long bytes) {
        if (bytes < 1024) {
            return c.getTranslation("submission.bytes", bytes);
        }
        if (bytes < 1024 * 1024) {
            return c.getTranslation("submission.kilobytes", String.format(Locale.ROOT, "%.1f", bytes / 1024.0));
        }
        return c.getTranslation("submission.megabytes", String.format(Locale.ROOT, "%.1f", bytes / 1048576.0));
    }
}
