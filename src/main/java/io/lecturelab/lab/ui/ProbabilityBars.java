package io.lecturelab.lab.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.Locale;

/** ŷ as horizontal bars: one row per class with its probability, the predicted class marked. */
class ProbabilityBars extends Div {

    ProbabilityBars() {
        addClassName("lab-bars");
    }

    void show(List<String> names, float[] probabilities, int predicted) {
        removeAll();
        for (int i = 0; i < names.size(); i++) {
            Div fill = new Div();
            fill.addClassName("lab-bar-fill");
            fill.getStyle().set("width", String.format(Locale.ROOT, "%.1f%%", probabilities[i] * 100));
            Div track = new Div(fill);
            track.addClassName("lab-bar-track");
            Span value = new Span(String.format(Locale.ROOT, "%.1f%%", probabilities[i] * 100));
            value.addClassName("lab-bar-value");
            Div row = new Div(new Span(names.get(i)), track, value);
            row.addClassName("lab-bar");
            if (i == predicted) {
                row.addClassName("predicted");
            }
            add(row);
        }
        getElement().setAttribute("data-sum", String.format(Locale.ROOT, "%.6f", sum(probabilities)));
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
