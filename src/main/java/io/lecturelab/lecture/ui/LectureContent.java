package io.lecturelab.lecture.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

/** Sanitised lecture HTML, typeset in the browser (KaTeX for math, highlight.js for code). */
@Tag("lecture-content")
@NpmPackage(value = "katex", version = "0.19.1")
@NpmPackage(value = "highlight.js", version = "11.12.0")
@JsModule("./lecture-content.ts")
public class LectureContent extends Component {

    /** @param safeHtml HTML from {@link io.lecturelab.lecture.LectureRenderer}, never raw user input */
    public LectureContent(String safeHtml) {
        setHtml(safeHtml);
    }

    public void setHtml(String safeHtml) {
        getElement().setProperty("html", safeHtml == null ? "" : safeHtml);
    }
}
