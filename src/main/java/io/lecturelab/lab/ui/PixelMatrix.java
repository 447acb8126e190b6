package io.lecturelab.lab.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasAriaLabel;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import java.util.Base64;

/**
 * "What the computer sees": a 32 × 32 image enlarged beside the table of its values in one colour channel, chosen
 * with three toggle buttons or {@link #setChannel}. Pointing at or focusing a pixel (arrow keys move in the table)
 * marks it in both and reads its red, green and blue values out. The table scrolls inside its own box; the image
 * size is the CSS property {@code --ll-pixels-image-size} (16rem), the table's height {@code --ll-pixels-table-height}.
 */
@Tag("ll-pixels")
@JsModule("./lab/ll-pixels.ts")
public class PixelMatrix extends Component implements HasSize, HasStyle, HasAriaLabel {

    static final int PIXELS = 32 * 32;

    private int version;

    public PixelMatrix() {
        getElement().setProperty("channel", "r");
        // The buttons inside change the channel in the browser; keep the server's value in step.
        getElement().addPropertyChangeListener("channel", "channel-changed", e -> { });
    }

    /**
     * @param caption      shown above, e.g. "32 × 32 pixels × 3 colours = 3072 numbers"
     * @param imageLabel   the enlarged picture's accessible name
     * @param channelsLabel the accessible name of the three channel buttons
     * @param red          the red button's label, also used when a pixel's values are read out
     */
    public void setTexts(String caption, String imageLabel, String channelsLabel, String red, String green,
                         String blue) {
        getElement().setProperty("textsJson", LabJson.texts("caption", caption, "image", imageLabel,
                "channels", channelsLabel, "red", red, "green", green, "blue", blue));
    }

    /** @param channel 'R', 'G' or 'B' (either case): the channel whose values the table shows */
    public void setChannel(char channel) {
        char c = Character.toLowerCase(channel);
        if (c != 'r' && c != 'g' && c != 'b') {
            throw new IllegalArgumentException("channel must be R, G or B, not " + channel);
        }
        getElement().setProperty("channel", String.valueOf(c));
    }

    /** @return 'R', 'G' or 'B', as last chosen here or with the buttons */
    public char getChannel() {
        return Character.toUpperCase(getElement().getProperty("channel", "r").charAt(0));
    }

    /** @param rgbInterleaved 3072 bytes (unsigned), r, g, b per pixel, row-major; see {@link #interleave} */
    public void show(byte[] rgbInterleaved) {
        if (rgbInterleaved.length != 3 * PIXELS) {
            throw new IllegalArgumentException("expected " + 3 * PIXELS + " bytes, got " + rgbInterleaved.length);
        }
        var data = LabJson.object()
                .put("version", ++version)
                .put("rgb", Base64.getEncoder().encodeToString(rgbInterleaved));
        getElement().setProperty("data", LabJson.write(data));
    }

    /**
     * CIFAR's planar layout (1024 red, 1024 green, then 1024 blue values 0..255, each plane row-major) as
     * interleaved bytes r, g, b per pixel; values are rounded and clamped to 0..255.
     */
    public static byte[] interleave(float[] cifarLayoutValues) {
        if (cifarLayoutValues.length != 3 * PIXELS) {
            throw new IllegalArgumentException(
                    "expected " + 3 * PIXELS + " values, got " + cifarLayoutValues.length);
        }
        byte[] rgb = new byte[3 * PIXELS];
        for (int channel = 0; channel < 3; channel++) {
            for (int p = 0; p < PIXELS; p++) {
                float v = cifarLayoutValues[channel * PIXELS + p];
                int value = Float.isNaN(v) ? 0 : Math.clamp(Math.round(v), 0, 255);
                rgb[3 * p + channel] = (byte) value;
            }
        }
        return rgb;
    }
}
