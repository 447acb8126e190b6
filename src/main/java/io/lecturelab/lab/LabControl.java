package io.lecturelab.lab;

import java.util.Arrays;
import java.util.Optional;

/** The lab's training settings, each with its name in addresses and lecture presets. */
public enum LabControl {
    LEARNING_RATE("lr"), BATCH_SIZE("batch"), EPOCHS("epochs"), L2("l2"), SEED("seed"), BIAS("bias"),
    CLASSES("classes");

    private final String key;

    LabControl(String key) {
        this.key = key;
    }

    /** Its name in an address ({@code ?lr=0.05}) and in a preset's {@code fixed}/{@code hidden} lists. */
    public String key() {
        return key;
    }

    public static Optional<LabControl> byKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
    }
}
