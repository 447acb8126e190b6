package io.lecturelab.gradebook.letters.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import io.lecturelab.gradebook.letters.LetterGrades;
import io.lecturelab.gradebook.letters.LetterScale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The histogram of the totals with the cut-offs drawn on it, drawn in the browser from the numbers sent here. Screen
 * readers hear {@code summary}; the page shows the same numbers as a table beside it.
 */
@Tag("ll-histogram")
@JsModule("./letters/ll-histogram.ts")
class TotalsHistogram extends Component implements HasSize {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    void show(List<LetterGrades.Bin> bins, LetterScale scale, String xTitle, String yTitle, String summary) {
        ObjectNode data = JSON.createObjectNode();
        ArrayNode b = data.putArray("bins");
        bins.forEach(bin -> b.addObject().put("from", bin.from()).put("to", bin.to()).put("count", bin.count()));
        ArrayNode c = data.putArray("cutoffs");
        scale.cutoffs().forEach(cut -> c.addObject().put("letter", cut.letter()).put("minimum", cut.minimum()));
        data.putObject("texts").put("x", xTitle).put("y", yTitle);
        getElement().setProperty("dataJson", JSON.writeValueAsString(data));
        getElement().setProperty("summary", summary);
    }
}
