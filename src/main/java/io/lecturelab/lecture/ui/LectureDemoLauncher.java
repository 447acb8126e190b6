package io.lecturelab.lecture.ui;

import io.lecturelab.lecture.LectureRenderer.DemoPreset;

/**
 * The classification demo, as lectures see it: a feature that provides the demo registers a CDI bean of this type,
 * and lectures then show a "Run this" button for each {@code demo} block. Without one, they show a plain link.
 */
public interface LectureDemoLauncher {

    /** Opens the demo in the current UI with the instructor's preset. */
    void run(long courseId, DemoPreset preset);
}
