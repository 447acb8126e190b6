package io.lecturelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.TrainingRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LabPresetTest {

    @Test
    void an_address_reproduces_the_settings_it_was_made_from() {
        TrainingRequest request = TrainingRequest.defaults().withLearningRate(0.005).withBatchSize(64).withEpochs(3)
                .withL2Strength(0).withSeed(7).withBias(false).withClasses(ClassSet.ALL_TEN);
        LabPreset preset = LabPreset.defaults().withRequest(request).withStep(LabStep.TRAIN);

        Map<String, String> query = preset.toQuery();
        LabPreset back = LabPreset.fromQuery(query.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));

        assertThat(query).containsEntry("lr", "0.005").containsEntry("seed", "7").containsEntry("classes", "all")
                .containsEntry("bias", "0").containsEntry("step", "train");
        assertThat(back.request()).isEqualTo(request);
        assertThat(back.step()).isEqualTo(LabStep.TRAIN);
        assertThat(back.problems()).isEmpty();
        assertThat(LabPreset.defaults().toQuery()).isEmpty();
    }

    @Test
    void a_value_out_of_range_keeps_the_default_and_is_named() {
        LabPreset preset = LabPreset.fromQuery(Map.of("lr", List.of("50"), "batch", List.of("abc"),
                "epochs", List.of("2"), "step", List.of("nowhere"), "fixed", List.of("lr,colour")));

        assertThat(preset.request().learningRate()).isEqualTo(TrainingRequest.DEFAULT_LEARNING_RATE);
        assertThat(preset.request().batchSize()).isEqualTo(TrainingRequest.DEFAULT_BATCH_SIZE);
        assertThat(preset.request().epochs()).isEqualTo(2);
        assertThat(preset.step()).isEqualTo(LabStep.PIXELS);
        assertThat(preset.fixed()).containsExactly(LabControl.LEARNING_RATE);
        assertThat(preset.problems()).containsExactly("lab.error.lr", "lab.error.batch", "lab.error.step",
                "lab.error.control");
    }

    @Test
    void a_lecture_block_fixes_and_hides_controls_with_json_lists() {
        LabPreset preset = LabPreset.fromJson("""
                {"title": "Only the learning rate", "step": "train", "lr": 0.5, "bias": false,
                 "fixed": ["batch", "epochs"], "hidden": ["seed"]}""");

        assertThat(preset.request().learningRate()).isEqualTo(0.5);
        assertThat(preset.request().bias()).isFalse();
        assertThat(preset.editable(LabControl.LEARNING_RATE)).isTrue();
        assertThat(preset.editable(LabControl.BATCH_SIZE)).isFalse();
        assertThat(preset.visible(LabControl.BATCH_SIZE)).isTrue();
        assertThat(preset.visible(LabControl.SEED)).isFalse();
        assertThat(preset.problems()).isEmpty();
        assertThat(LabPreset.fromJson("[1, 2]").problems()).containsExactly("lab.error.preset");
    }

    @Test
    void a_sweep_gives_each_student_one_of_its_values_in_turn_and_refuses_invalid_ones() {
        LabPreset preset = LabPreset.fromJson("{\"sweep\": {\"control\": \"lr\", \"values\": [0.001, 0.1, 1]}}");
        LabPreset.Sweep sweep = preset.sweep().orElseThrow();

        assertThat(List.of(sweep.valueFor(0), sweep.valueFor(1), sweep.valueFor(2), sweep.valueFor(3)))
                .containsExactly(0.001, 0.1, 1.0, 0.001);
        assertThat(preset.editable(LabControl.LEARNING_RATE)).isFalse();
        assertThat(preset.toQuery()).containsEntry("sweep", "lr:0.001,0.1,1");
        assertThat(LabPreset.fromQuery(Map.of("sweep", List.of("lr:0.1,99"))).problems())
                .containsExactly("lab.error.sweep");
        assertThat(LabPreset.fromQuery(Map.of("sweep", List.of("batch:1,2"))).sweep()).isEmpty();
    }
}
