package io.lecturelab.lab.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasAriaLabel;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * For each class, a 32 × 32 map of how much each pixel adds to the class's score (red) or takes from it (blue),
 * white at zero, on one symmetric scale shared by all maps so they can be compared; each is captioned with its class
 * and the map's sum. The image itself may be shown faintly underneath. Map size: CSS {@code --ll-heatmap-size}
 * (6rem). The browser element's attribute {@code data-version} changes on every {@code show}.
 */
@Tag("ll-heatmaps")
@JsModule("./lab/ll-heatmaps.ts")
public class ContributionMaps extends Component implements HasSize, HasStyle, HasAriaLabel {

    static final int PIXELS = 32 * 32;

    private int version;

    /** The legend's words at the blue and the red end, e.g. "lowers the score" and "raises the score". */
    public void setTexts(String legendNegative, String legendPositive) {
        getElement().setProperty("textsJson", LabJson.texts("negative", legendNegative, "positive", legendPositive));
    }

    /** @param maps per class 1024 signed contributions, row-major ({@code y * 32 + x}) */
    public void show(List<String> classNames, float[][] maps) {
        show(classNames, maps, null);
    }

    /**
     * @param maps           per class 1024 signed contributions, row-major ({@code y * 32 + x})
     * @param rgbInterleaved the image drawn faintly underneath (as for {@link PixelMatrix#show}), or null for none
     */
    public void show(List<String> classNames, float[][] maps, byte[] rgbInterleaved) {
        if (maps.length != classNames.size()) {
            throw new IllegalArgumentException(classNames.size() + " class names but " + maps.length + " maps");
        }
        if (rgbInterleaved != null && rgbInterleaved.length != 3 * PIXELS) {
            throw new IllegalArgumentException("expected " + 3 * PIXELS + " image bytes, got " + rgbInterleaved.length);
        }
        float scale = scale(maps);
        ObjectNode data = LabJson.object();
        data.put("version", ++version);
        data.put("scale", scale);
        var list = data.putArray("maps");
        for (int c = 0; c < maps.length; c++) {
            if (maps[c].length != PIXELS) {
                throw new IllegalArgumentException("map " + c + " has " + maps[c].length + " values, not " + PIXELS);
            }
            list.addObject()
                    .put("name", classNames.get(c))
                    .put("sum", sum(maps[c]))
                    .put("values", Base64.getEncoder().encodeToString(quantise(maps[c], scale)));
        }
        data.put("image", rgbInterleaved == null ? null : Base64.getEncoder().encodeToString(rgbInterleaved));
        getElement().setProperty("data", LabJson.write(data));
    }

    /** The largest magnitude in any map: the shared scale's two ends are minus and plus this. */
    static float scale(float[][] maps) {
        float scale = 0;
        for (float[] map : maps) {
            for (float v : map) {
                if (Float.isFinite(v)) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
        }
        return scale;
    }

    /** Values as signed bytes -127..127 of {@code scale} (the browser needs no more to pick a colour). */
    static byte[] quantise(float[] map, float scale) {
        byte[] bytes = new byte[map.length];
        for (int i = 0; i < map.length; i++) {
            float v = map[i];
            bytes[i] = scale > 0 && Float.isFinite(v) ? (byte) Math.clamp(Math.round(v / scale * 127), -127, 127) : 0;
        }
        return bytes;
    }

    private static double sum(float[] map) {
        double sum = 0;
        for (float v : map) {
            sum += v;
        }
        return sum;
    }
}
