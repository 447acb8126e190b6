package io.lecturelab.ml.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lecturelab.ml.ClassifierService;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.MlException;
import io.lecturelab.ml.MlTestData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LazyClassifierServiceTest {

    @Test
    void the_engine_starts_on_first_use_once_and_a_failed_start_is_tried_again() {
        AtomicInteger starts = new AtomicInteger();
        LazyClassifierService lazy = new LazyClassifierService(MlTestData.settings(1), s -> {
            if (starts.incrementAndGet() == 1) {
                throw new MlException("ml.error.engineMissing", "first start fails");
            }
            return new DjlClassifierService(s);
        });
        try {
            assertThat(lazy.started()).isFalse();
            assertThat(lazy.inferenceEngineCalls()).isZero();
            assertThat(lazy.decodeImage(png())).isInstanceOf(ImageInput.class); // plain Java, no engine
            assertThat(starts).hasValue(0);

            assertThatThrownBy(lazy::engineInfo).isInstanceOf(MlException.class);
            assertThat(lazy.started()).isFalse();
            assertThat(lazy.engineInfo().engine()).startsWith("PyTorch");
            lazy.engineInfo();
            assertThat(starts).hasValue(2);
            assertThat(lazy.started()).isTrue();
        } finally {
            lazy.close();
        }
        assertThatThrownBy(lazy::engineInfo).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closing_an_unused_service_never_starts_the_engine() {
        AtomicInteger starts = new AtomicInteger();
        ClassifierService lazy = new LazyClassifierService(MlTestData.settings(1), s -> {
            starts.incrementAndGet();
            return new DjlClassifierService(s);
        });
        lazy.close();
        assertThat(starts).hasValue(0);
    }

    private static byte[] png() {
        try {
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
