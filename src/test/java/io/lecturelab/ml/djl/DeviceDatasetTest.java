package io.lecturelab.ml.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.data.Cifar10Files;
import io.lecturelab.ml.data.Cifar10Reader;
import io.lecturelab.ml.data.LabelledImages;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeviceDatasetTest {

    @Test
    void batchesGatheredOnTheHostEqualThoseGatheredOnTheDeviceBitForBit() {
        Cifar10Files files = new Cifar10Files(MlTestData.dir());
        LabelledImages train = Cifar10Reader.read(files.trainingFile(ClassSet.CAT_VS_DOG))
                .select(ClassSet.CAT_VS_DOG.labels());
        try (NDManager root = DjlEngine.load(1).newBaseManager();
             DeviceDataset host = DeviceDataset.load(files, ClassSet.CAT_VS_DOG, root, DeviceDataset.Gather.HOST);
             DeviceDataset device = DeviceDataset.load(files, ClassSet.CAT_VS_DOG, root,
                     DeviceDataset.Gather.DEVICE)) {
            float[] all = train.preprocessed(host.preprocessing);
            int n = host.trainSize();
            int[] order = new SplittableRandom(3).ints(n, 0, n).toArray();
            // a full batch, a larger one (the thread's buffer grows), then a short last batch (it is reused)
            int[][] ranges = {{0, 64}, {64, 320}, {n - 17, n}};
            for (int[] r : ranges) {
                try (NDManager step = root.newSubManager()) {
                    NDArray a = host.batch(step, order, r[0], r[1]);
                    NDArray b = device.batch(step, order, r[0], r[1]);
                    assertEquals(a.getShape(), b.getShape());
                    float[] fromHost = a.toFloatArray();
                    assertArrayEquals(b.toFloatArray(), fromHost);
                    for (int i = 0; i < r[1] - r[0]; i++) {
                        int row = order[r[0] + i];
                        assertArrayEquals(Arrays.copyOfRange(all, row * ImageInput.VALUES, (row + 1) * ImageInput.VALUES),
                                Arrays.copyOfRange(fromHost, i * ImageInput.VALUES, (i + 1) * ImageInput.VALUES),
                                "row " + row);
                    }
                }
            }
        }
    }
}
