package io.lecturelab.lab.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import io.lecturelab.lab.LabPreset;
import io.lecturelab.lecture.LectureRenderer.DemoPreset;
import io.lecturelab.lecture.ui.LectureDemoLauncher;
import jakarta.enterprise.context.ApplicationScoped;

/** "Run this" in a lecture: opens the lab with the block's preset, written into the address so it can be shared. */
@ApplicationScoped
class LabLauncher implements LectureDemoLauncher {

    @Override
    public void run(long courseId, DemoPreset preset) {
        UI.getCurrent().navigate(LabView.class, io.lecturelab.course.ui.CourseRoutes.of(courseId),
                QueryParameters.simple(LabPreset.fromJson(preset.json()).toQuery()));
    }

    /** The lab's address for a preset, relative to the application's root. */
    static String address(long courseId, LabPreset preset) {
        String query = QueryParameters.simple(preset.toQuery()).getQueryString();
        return "courses/" + courseId + "/demo" + (query.isEmpty() ? "" : "?" + query);
    }
}
