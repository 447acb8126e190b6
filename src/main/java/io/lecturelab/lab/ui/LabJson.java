package io.lecturelab.lab.ui;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON for the lab's browser components: property values and call arguments are sent as strings. */
final class LabJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private LabJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** An object of texts, given as name, value, name, value…; a null value is left out. */
    static String texts(String... namesAndValues) {
        ObjectNode texts = object();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                texts.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return write(texts);
    }
}
