package io.lecturelab.coursework.notebook.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import io.lecturelab.coursework.notebook.NotebookRenderer;
import io.lecturelab.coursework.notebook.RenderedNotebook;
import io.lecturelab.lecture.ui.LectureContent;

/**
 * A rendered notebook in the page: a header line (cells, language), what was left out, and the cells typeset like a
 * lecture (KaTeX, highlighted code). Code and wide outputs scroll inside their own boxes, never the page.
 *
 * <pre>{@code
 * RenderedNotebook notebook = new NotebookRenderer(NotebookPanel.texts(this)).render(in);
 * add(new NotebookPanel(notebook));
 * }</pre>
 */
@CssImport("./styles/notebook.css")
public class NotebookPanel extends Composite<Div> {

    private final Paragraph header = new Paragraph();
    private final Div warnings = new Div();
    private final LectureContent content = new LectureContent("");

    public NotebookPanel() {
        getContent().addClassName("nb-panel");
        header.addClassName("nb-header");
        warnings.addClassName("nb-warnings");
        warnings.getElement().setAttribute("role", "note");
        warnings.setVisible(false);
        content.getElement().getClassList().add("nb-content");
        getContent().add(header, warnings, content);
    }

    public NotebookPanel(RenderedNotebook notebook) {
        this();
        setNotebook(notebook);
    }

    /** Shows another notebook (or the same one again, e.g. after a new version was chosen). */
    public void setNotebook(RenderedNotebook notebook) {
        String language = notebook.language().isEmpty() ? getTranslation("notebook.language.unknown")
                : notebook.language();
        header.setText(getTranslation("notebook.header", notebook.cells(), language));
        warnings.removeAll();
        if (!notebook.warnings().isEmpty()) {
            UnorderedList list = new UnorderedList();
            notebook.warnings().forEach(warning -> list.add(new ListItem(warning)));
            warnings.add(new Span(getTranslation("notebook.warnings")), list);
        }
        warnings.setVisible(!notebook.warnings().isEmpty());
        content.setHtml(notebook.html());
    }

    /** The renderer's texts in the language of the given component's UI. */
    public static NotebookRenderer.Texts texts(Component component) {
        return component::getTranslation;
    }
}
