package io.lecturelab.gradebook.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;

import java.util.List;
import java.util.function.Consumer;

/**
 * The sheet as a keyboard-driven table drawn in the browser ({@code frontend/gradebook/ll-gradebook-sheet.ts}):
 * arrows move, Enter or typing edits, Enter commits and moves down, Escape cancels, a pasted column arrives as one
 * event. Plain data in, plain events out; the view decides what they mean.
 */
@Tag("ll-gradebook-sheet")
@JsModule("./gradebook/ll-gradebook-sheet.ts")
class SheetTable extends Component {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code t} text, {@code e} editable, {@code h} link, {@code l} the link's label, {@code d} a tooltip. */
    record Cell(String t, boolean e, String h, String l, String d) {
    }

    record Column(String key, String title, String sub, String kind, String href, String hrefLabel) {
    }

    record Group(String name, int span, String kind) {
    }

    record Row(String key, String number, String name, List<Cell> cells) {
    }

    record Sheet(String caption, String student, List<Group> groups, List<Column> columns, List<Row> rows,
                 String refusedHint, String editHint, String pendingHint) {
    }

    /** A cell the user committed, or the first cell of a pasted column. */
    record Commit(String row, String col, List<String> values) {
    }

    SheetTable() {
        setId("gradebook-sheet");
        addClassName("gb-sheet");
    }

    void show(Sheet sheet) {
        try {
            getElement().setProperty("sheet", JSON.writeValueAsString(sheet));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void refuse(String row, String col, String typed, String message) {
        getElement().callJsFunction("refuse", row, col, typed, message);
    }

    void addCommitListener(Consumer<Commit> listener) {
        getElement().addEventListener("cell-commit", e -> listener.accept(new Commit(
                        e.getEventData().get("event.detail.row").asText(),
                        e.getEventData().get("event.detail.col").asText(),
                        List.of(e.getEventData().get("event.detail.value").asText()))))
                .addEventData("event.detail.row").addEventData("event.detail.col")
                .addEventData("event.detail.value");
    }

    void addPasteListener(Consumer<Commit> listener) {
        getElement().addEventListener("column-paste", e -> {
                    List<String> values;
                    try {
                        values = List.of(JSON.readValue(e.getEventData().get("event.detail.values").asText(),
                                String[].class));
                    } catch (JsonProcessingException bad) {
                        values = List.of();
                    }
                    listener.accept(new Commit(e.getEventData().get("event.detail.row").asText(),
                            e.getEventData().get("event.detail.col").asText(), values));
                })
                .addEventData("event.detail.row").addEventData("event.detail.col")
                .addEventData("event.detail.values");
    }

    void addFocusListener(Consumer<Commit> listener) {
        getElement().addEventListener("cell-focus", e -> listener.accept(new Commit(
                        e.getEventData().get("event.detail.row").asText(),
                        e.getEventData().get("event.detail.col").asText(), List.of())))
                .addEventData("event.detail.row").addEventData("event.detail.col");
    }

}
