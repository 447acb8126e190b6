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
 * The rows of a linear classifier's weights W, each drawn as the 32 × 32 colour image it has learnt ("templates"),
 * captioned with its class and wrapped to fit. The image size is the CSS property {@code --ll-template-size} (4rem).
 * <p>
 * Each template is scaled to 0..255 by its own minimum and maximum, so templates show their own pattern at full
 * contrast but cannot be compared in strength with one another. The browser element's attribute
 * {@code data-version} changes on every {@link #show}.
 */
@Tag("ll-templates")
@JsModule("./lab/ll-templates.ts")
public class TemplateGrid extends Component implements HasSize, HasStyle, HasAriaLabel {

    static final int PIXELS = 32 * 32;
    static final int VALUES = 3 * PIXELS;

    private int version;

    /**
     * @param classNames one caption per row of W
     * @param weights    classes × 3072 in CIFAR layout: per class 1024 red, 1024 green, then 1024 blue values, each
     *                   plane row-major ({@code y * 32 + x})
     */
    public void show(List<String> classNames, float[] weights) {
        if (weights.length != classNames.size() * VALUES) {
            throw new IllegalArgumentException(
                    "expected " + classNames.size() + " × " + VALUES + " weights, got " + weights.length);
        }
        ObjectNode data = LabJson.object();
        data.put("version", ++version);
        var templates = data.putArray("templates");
        for (int c = 0; c < classNames.size(); c++) {
            templates.addObject()
                    .put("name", classNames.get(c))
                    .put("rgb", Base64.getEncoder().encodeToString(template(weights, c)));
        }
        getElement().setProperty("data", LabJson.write(data));
    }

    /**
     * Class {@code c}'s weights scaled to 0..255 by their own minimum and maximum, interleaved r, g, b per pixel,
     * row-major. Values that are not numbers become 0; a template with no spread becomes mid grey.
     */
    static byte[] template(float[] weights, int c) {
        int start = c * VALUES;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = start; i < start + VALUES; i++) {
            if (Float.isFinite(weights[i])) {
                min = Math.min(min, weights[i]);
                max = Math.max(max, weights[i]);
            }
        }
        float range = max - min;
        byte[] rgb = new byte[VALUES];
        for (int channel = 0; channel < 3; channel++) {
            for (int p = 0; p < PIXELS; p++) {
                float w = weights[start + channel * PIXELS + p];
                int value = !Float.isFinite(w) ? 0 : range > 0 ? Math.round((w - min) / range * 255) : 128;
                rgb[3 * p + channel] = (byte) value;
            }
        }
        return rgb;
    }
}
