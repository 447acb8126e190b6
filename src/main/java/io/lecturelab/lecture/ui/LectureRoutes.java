package io.lecturelab.lecture.ui;

import com.vaadin.flow.router.RouteParameters;
import io.lecturelab.course.ui.CourseRoutes;

import java.time.ZoneId;
import io.lecturelab.base.i18n.Translations;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Addresses of lecture pages and the formatting of their times. */
final class LectureRoutes {

    static final String LECTURE_ID = "lectureId";
    static final String LECTURES = CourseRoutes.PREFIX + "/lectures";
    static final String LECTURE = LECTURES + "/:" + LECTURE_ID + "([0-9]{1,18})";

    private LectureRoutes() {
    }

    static RouteParameters of(long courseId, long lectureId) {
        return new RouteParameters(Map.of(CourseRoutes.COURSE_ID, Long.toString(courseId), LECTURE_ID,
                Long.toString(lectureId)));
    }

    static Optional<Long> lectureId(RouteParameters parameters) {
        return parameters.get(LECTURE_ID).filter(v -> v.matches("[0-9]{1,18}")).map(Long::parseLong);
    }

    /** "화 2022-03-08 12:00" / "Tue 2022-03-08 12:00": the weekday in the viewer's language. */
    static String dateTime(ZonedDateTime at, Locale locale) {
        return DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Translations.supported(locale)).format(at);
    }

    /** "2022-03-08 (화)" / "2022-03-08 (Tue)". */
    static String date(LocalDate day, Locale locale) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd (EEE)", Translations.supported(locale)).format(day);
    }

    /** "Tue 2022-03-08 12:00 (Asia/Seoul)" and, when the viewer's zone differs, the viewer's time too. */
    static String liveTime(ZonedDateTime at, Optional<ZoneId> viewerZone, Locale locale,
                           java.util.function.BiFunction<String, Object[], String> translate) {
        String course = translate.apply("lecture.timeIn", new Object[] {dateTime(at, locale), at.getZone().getId()});
        if (viewerZone.isEmpty() || viewerZone.get().getRules().equals(at.getZone().getRules())) {
            return course;
        }
        ZonedDateTime local = at.withZoneSameInstant(viewerZone.get());
        return course + " · " + translate.apply("lecture.yourTime",
                new Object[] {dateTime(local, locale), viewerZone.get().getId()});
    }
}
