package io.lecturelab.ml.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.lecturelab.ml.TrainingResult;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class ModelStoreTest {

    @Inject
    ModelStore store;

    @Test
    void a_stored_model_comes_back_bit_for_bit_with_everything_needed_to_reproduce_it() {
        long owner = QueueTestData.newUser();
        TrainingResult model = QueueTestData.randomModel(7);

        long id = store.save(model, owner, null);
        TrainingResult loaded = store.load(id).orElseThrow();

        assertThat(loaded.modelId()).isEqualTo(Long.toString(id));
        assertThat(rawBits(loaded.weights())).isEqualTo(rawBits(model.weights()));
        assertThat(rawBits(loaded.bias())).isEqualTo(rawBits(model.bias()));
        assertThat(rawBits(loaded.preprocessing().mean())).isEqualTo(rawBits(model.preprocessing().mean()));
        assertThat(Float.floatToRawIntBits(loaded.weights()[0])).isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(loaded.preprocessing().scale()).isEqualTo(model.preprocessing().scale());
        assertThat(loaded.preprocessing().method()).isEqualTo(model.preprocessing().method());
        assertThat(loaded.request()).isEqualTo(model.request());
        assertThat(loaded.classNames()).isEqualTo(model.classNames());
        assertThat(loaded.epochs()).hasSize(2);
        assertThat(loaded.epochs().get(0)).isEqualTo(model.epochs().get(0));
        assertThat(loaded.epochs().get(1).testAccuracy()).isNaN();
        assertThat(loaded.datasetChecksum()).isEqualTo(model.datasetChecksum());
        assertThat(loaded.engine()).isEqualTo("PyTorch 2.5.1");
        assertThat(loaded.device()).isEqualTo("cpu()");
        assertThat(loaded.duration()).isEqualTo(model.duration());
        assertThat(store.ownerOf(id)).contains(owner);
    }

    @Test
    void an_unknown_model_is_empty() {
        assertThat(store.load(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void float_bytes_are_little_endian_float32() {
        byte[] bytes = FloatBytes.encode(new float[] {1.0f, Float.intBitsToFloat(0x7fc00001)});
        assertThat(bytes).containsExactly(0, 0, (byte) 0x80, 0x3f, 1, 0, (byte) 0xc0, 0x7f);
        assertThat(Float.floatToRawIntBits(FloatBytes.decode(bytes)[1])).isEqualTo(0x7fc00001);
    }

    private static int[] rawBits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
