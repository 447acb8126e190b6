package io.lecturelab.lab.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Training curves of one or more runs: loss beside accuracy in percent, both over epochs done. Side by side on
 * wide screens, stacked on phones; the plot height is the CSS property {@code --ll-curves-height} (18rem).
 * <p>
 * The component keeps the series it shows (references to the given points, not copies) so that it can draw them
 * again when it is attached anew; after {@link #show} only new points travel, through {@link #append}. The
 * browser element's attribute {@code data-points} counts the points it holds.
 */
@Tag("ll-curves")
@NpmPackage(value = "chart.js", version = "4.6.1")
@JsModule("./lab/ll-curves.ts")
public class CurveChart extends Component implements HasSize, HasStyle {

    /**
     * One measurement of a run.
     *
     * @param x             epochs done, fractional
     * @param loss          training loss
     * @param trainAccuracy fraction 0..1 (drawn in percent)
     * @param testAccuracy  fraction 0..1, NaN except at an epoch's end
     */
    public record Point(double x, double loss, double trainAccuracy, double testAccuracy) {
    }

    /**
     * One run's curves.
     *
     * @param key    identifies the series in {@link #append} and {@link #remove}
     * @param label  its name in the legend and tooltips
     * @param colour any CSS colour
     * @param points in order of {@code x}
     */
    public record Series(String key, String label, String colour, List<Point> points) {
        public Series {
            Objects.requireNonNull(key);
            points = List.copyOf(points);
        }
    }

    private final Map<String, Held> series = new LinkedHashMap<>();

    private record Held(String key, String label, String colour, List<Point> points) {
    }

    public CurveChart() {
        addAttachListener(e -> getElement().callJsFunction("showSeries", json(series.values())));
    }

    public void setTexts(String lossTitle, String accuracyTitle, String xTitle, String trainLabel, String testLabel) {
        getElement().setProperty("textsJson", LabJson.texts("loss", lossTitle, "accuracy", accuracyTitle, "x", xTitle,
                "train", trainLabel, "test", testLabel));
    }

    /** What screen readers hear for the chart, e.g. "loss 0.61, test accuracy 62%"; empty: built from the data. */
    public void setSummary(String summary) {
        getElement().setProperty("summary", summary == null ? "" : summary);
    }

    /** Replaces every series. */
    public void show(List<Series> all) {
        series.clear();
        all.forEach(s -> series.put(s.key(), new Held(s.key(), s.label(), s.colour(), new ArrayList<>(s.points()))));
        if (isAttached()) {
            getElement().callJsFunction("showSeries", json(series.values()));
        }
    }

    /** Adds one series, or replaces the one with its key, sending only that series. */
    public void put(Series one) {
        Held held = new Held(one.key(), one.label(), one.colour(), new ArrayList<>(one.points()));
        series.put(one.key(), held);
        if (isAttached()) {
            getElement().callJsFunction("putSeries", json(List.of(held)));
        }
    }

    /** Adds points at the end of a shown series; does nothing for a key not shown (e.g. just removed). */
    public void append(String key, List<Point> newPoints) {
        Held held = series.get(key);
        if (held == null || newPoints.isEmpty()) {
            return;
        }
        held.points().addAll(newPoints);
        if (isAttached()) {
            getElement().callJsFunction("appendPoints", key, LabJson.write(points(newPoints)));
        }
    }

    /** Adds points to several shown series in one message (a whole class at once); unknown keys are skipped. */
    public void appendAll(Map<String, List<Point>> newPointsByKey) {
        ObjectNode delta = LabJson.object();
        newPointsByKey.forEach((key, newPoints) -> {
            Held held = series.get(key);
            if (held != null && !newPoints.isEmpty()) {
                held.points().addAll(newPoints);
                delta.set(key, points(newPoints));
            }
        });
        if (!delta.isEmpty() && isAttached()) {
            getElement().callJsFunction("appendMany", LabJson.write(delta));
        }
    }

    public void remove(String key) {
        if (series.remove(key) != null && isAttached()) {
            getElement().callJsFunction("removeSeries", key);
        }
    }

    private static String json(Collection<Held> all) {
        ArrayNode array = LabJson.array();
        for (Held s : all) {
            ObjectNode node = array.addObject();
            node.put("key", s.key());
            node.put("label", s.label());
            node.put("colour", s.colour());
            node.set("points", points(s.points()));
        }
        return LabJson.write(array);
    }

    /** Each point as [x, loss, train, test], rounded to keep the messages small; null where not a number. */
    private static ArrayNode points(List<Point> points) {
        ArrayNode array = LabJson.array();
        for (Point p : points) {
            ArrayNode a = array.addArray();
            for (double value : new double[] {p.x(), p.loss(), p.trainAccuracy(), p.testAccuracy()}) {
                if (Double.isFinite(value)) {
                    a.add(Math.round(value * 1e4) / 1e4);
                } else {
                    a.addNull();
                }
            }
        }
        return array;
    }
}
