package io.lecturelab.lab.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/** Test images as small pictures, drawn in the browser; each is a button that names and picks the image. */
@Tag("ll-thumbnails")
@JsModule("./lab/ll-thumbnails.ts")
class Thumbnails extends Component {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One picture: its test-set index, its 3072 values in CIFAR layout, and what it says to a screen reader. */
    record Item(int index, float[] values, String caption) {
    }

    void show(List<Item> items) {
        List<Map<String, Object>> out = items.stream().map(item -> Map.<String, Object>of("i", item.index(),
                "b", Base64.getEncoder().encodeToString(PixelMatrix.interleave(item.values())),
                "c", item.caption())).toList();
        try {
            getElement().setProperty("items", JSON.writeValueAsString(out));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void addPickListener(IntConsumer listener) {
        getElement().addEventListener("thumbnail-pick", event -> listener.accept(
                event.getEventData().get("event.detail.index").asInt())).addEventData("event.detail.index");
    }
}
