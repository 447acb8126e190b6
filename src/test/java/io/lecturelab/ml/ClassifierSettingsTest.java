package io.lecturelab.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClassifierSettingsTest {

    @Test
    void microBatchingIsReadFromAutoOnOffOrTrueFalseInAnyCase() {
        assertEquals(ClassifierSettings.Batching.AUTO, ClassifierSettings.Batching.parse(" Auto "));
        assertEquals(ClassifierSettings.Batching.ON, ClassifierSettings.Batching.parse("on"));
        assertEquals(ClassifierSettings.Batching.ON, ClassifierSettings.Batching.parse("TRUE"));
        assertEquals(ClassifierSettings.Batching.OFF, ClassifierSettings.Batching.parse("off"));
        assertEquals(ClassifierSettings.Batching.OFF, ClassifierSettings.Batching.parse("false"));
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> ClassifierSettings.Batching.parse("sometimes"));
        assertEquals("ml.error.batching", e.messageKey());
    }

    @Test
    void defaultsLetTheDeviceChooseBatchingAndLanes() {
        ClassifierSettings d = ClassifierSettings.defaults();
        assertEquals(ClassifierSettings.Batching.AUTO, d.microBatching());
        assertEquals(0, d.inferenceLanes());
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> d.withInferenceLanes(-1));
        assertEquals("ml.error.lanes", e.messageKey());
    }
}
