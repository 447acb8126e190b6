package io.lecturelab.ml.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.MlException;
import io.lecturelab.ml.MlTestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10ReaderTest {

    @Test
    void readsTheKnownValuesOfTheTrainingBatch() {
        LabelledImages train = Cifar10Reader.read(MlTestData.dir().resolve("data_batch_1.bin"));
        assertEquals(10_000, train.size());
        assertEquals(6, train.label(0));
        assertEquals(59, train.value(0, 0));
        assertEquals(43, train.value(0, 1));
        assertEquals(50, train.value(0, 2));
    }

    @Test
    void readsTheKnownValuesOfTheTestBatchAndSelectsCatsAndDogs() {
        LabelledImages test = Cifar10Reader.read(MlTestData.dir().resolve("test_batch.bin"));
        assertEquals(10_000, test.size());
        assertEquals(3, test.label(0));
        assertEquals(158, test.value(0, 0));
        assertEquals(159, test.value(0, 1));
        assertEquals(165, test.value(0, 2));

        LabelledImages catsDogs = test.select(ClassSet.CAT_VS_DOG.labels());
        assertEquals(2_000, catsDogs.size());
        assertEquals(0, catsDogs.label(0), "the first test image is a cat: class index 0");
        assertEquals(158, catsDogs.value(0, 0));
        int dogs = 0;
        for (int l : catsDogs.labels()) {
            dogs += l;
        }
        assertEquals(1_000, dogs);
    }

    @Test
    void rejectsAFileWhoseLengthIsNotAMultipleOfTheRecord(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.bin");
        Files.write(file, new byte[Cifar10Reader.RECORD_BYTES * 2 + 17]);
        MlException e = assertThrows(MlException.class, () -> Cifar10Reader.read(file));
        assertEquals("ml.error.datasetCorrupt", e.messageKey());
        assertTrue(e.getMessage().contains("6163 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("3073"), e.getMessage());
    }

    @Test
    void rejectsAMissingFileAndABadLabel(@TempDir Path dir) throws IOException {
        MlException missing = assertThrows(MlException.class, () -> Cifar10Reader.read(dir.resolve("none.bin")));
        assertEquals("ml.error.datasetMissing", missing.messageKey());
        byte[] record = new byte[Cifar10Reader.RECORD_BYTES];
        record[0] = 12;
        Path file = dir.resolve("label.bin");
        Files.write(file, record);
        assertEquals("ml.error.datasetCorrupt",
                assertThrows(MlException.class, () -> Cifar10Reader.read(file)).messageKey());
    }

    @Test
    void checksumsMatchTheReadme() {
        Cifar10Files files = new Cifar10Files(MlTestData.dir());
        assertEquals("cats_dogs_train.bin=sha256:fffcc58db4ba6df8cd399397c2ae7dc8a8d96d7854fa4c9941489e1649abd8fb;"
                        + "test_batch.bin=sha256:8e2eb146ae340b09e24670f29cabc6326dba54da8789dab6768acf480273f65b",
                files.datasetChecksum(ClassSet.CAT_VS_DOG));
    }
}
