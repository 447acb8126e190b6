package io.lecturelab.lecture.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** "Live class: time in course time (and the viewer's time) — link", as the schedule and the lecture show it. */
final class LiveClass extends Div {

    LiveClass(ZonedDateTime startsAt, String url, Optional<ZoneId> viewerZone) {
        addClassName("live-class");
        add(new Span(getTranslation("lecture.live") + ": "
                + LectureRoutes.liveTime(startsAt, viewerZone, getLocale(), this::getTranslation)));
        if (!url.isEmpty()) {
            add(new Span(" "), new Anchor(url, getTranslation("lecture.liveLink"), AnchorTarget.BLANK));
        }
    }
}
