package io.lecturelab.lab;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.data.Cifar10Files;
import io.lecturelab.ml.data.Cifar10Reader;
import io.lecturelab.ml.data.LabelledImages;
import io.lecturelab.ml.dataset.DatasetProvisioning;
import io.lecturelab.ml.dataset.DatasetState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The official CIFAR-10 test split (10,000 images, 30 MB), read once and shared by every lab view: students pick
 * images from it and models are evaluated on it. An image is named by its index in the official test batch.
 */
@ApplicationScoped
public class TestImages {

    private final DatasetProvisioning dataset;
    private volatile LabelledImages images;

    TestImages(DatasetProvisioning dataset) {
        this.dataset = dataset;
    }

    /** One test image and its CIFAR-10 label (0..9). */
    public record TestImage(int index, int label, ImageInput image) {

        public String labelName() {
            return ClassSet.CIFAR10_NAMES.get(label);
        }
    }

    public TestImage get(int index) {
        LabelledImages all = all();
        if (index < 0 || index >= all.size()) {
            throw new UserFacingException("lab.error.imageIndex", all.size() - 1);
        }
        return new TestImage(index, all.label(index), all.image(index));
    }

    /** A random image among those of {@code classes}; of one CIFAR label when {@code label} is 0..9. */
    public TestImage random(ClassSet classes, int label, RandomGenerator random) {
        List<Integer> candidates = indicesOf(label >= 0 ? List.of(label) : classes.labels());
        return get(candidates.get(random.nextInt(candidates.size())));
    }

    /** Indices of the test images whose label is one of {@code labels}, in test-batch order. */
    public List<Integer> indicesOf(List<Integer> labels) {
        LabelledImages all = all();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (labels.contains(all.label(i))) {
                out.add(i);
            }
        }
        return out;
    }

    private LabelledImages all() {
        LabelledImages loaded = images;
        if (loaded != null) {
            return loaded;
        }
        synchronized (this) {
            if (images == null) {
                if (!(dataset.state() instanceof DatasetState.Ready)) {
                    throw new UserFacingException("lab.error.datasetNotReady");
                }
                images = Cifar10Reader.read(new Cifar10Files(dataset.folder()).testFile());
            }
            return images;
        }
    }
}
