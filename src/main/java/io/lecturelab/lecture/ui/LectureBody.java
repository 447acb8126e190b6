package io.lecturelab.lecture.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.lecturelab.lecture.LectureRenderer;
import io.lecturelab.lecture.RenderedLecture;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A lecture's text: typeset HTML parts and, between them, live demos with the instructor's presets. */
class LectureBody extends Div {

    private final long courseId;
    private final Optional<LectureDemoLauncher> demo;

    LectureBody(long courseId, Optional<LectureDemoLauncher> demo) {
        this.courseId = courseId;
        this.demo = demo;
        addClassName("lecture-body");
    }

    void show(String markdown) {
        removeAll();
        for (RenderedLecture.Part part : LectureRenderer.render(markdown).parts()) {
            switch (part) {
                case RenderedLecture.Html html -> add(new LectureContent(html.html()));
                case RenderedLecture.Demo d -> add(demoBox(d.preset()));
            }
        }
    }

    private Div demoBox(LectureRenderer.DemoPreset preset) {
        String title = preset.title().isBlank() ? getTranslation("lecture.demo.untitled") : preset.title();
        Div box = new Div(new Span(getTranslation("lecture.demo.heading", title)));
        box.addClassName("lecture-demo");
        if (demo.isPresent()) {
            Button run = new Button(getTranslation("lecture.demo.run"), VaadinIcon.PLAY.create(),
                    click -> demo.get().run(courseId, preset));
            run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            run.addClassName("demo-run");
            box.add(new Span(" "), run);
        } else {
            Anchor link = new Anchor("courses/" + courseId + "/demo?preset="
                    + URLEncoder.encode(preset.json(), StandardCharsets.UTF_8), getTranslation("lecture.demo.open"));
            link.addClassName("demo-link");
            link.setTarget("_blank");
            box.add(new Span(" "), link);
        }
        return box;
    }
}
