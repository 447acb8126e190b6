package io.lecturelab.ml;

import static io.lecturelab.ml.InvalidSettingException.require;

import java.time.Duration;
import java.util.List;

/**
 * A trained model and how it came about: everything needed to classify again later and to reproduce it.
 *
 * @param modelId         identifies the model (used to cache its loaded form)
 * @param request         the settings it was trained with
 * @param classNames      class names in model order
 * @param weights         W, row-major, classes × 3072
 * @param bias            b, one per class; all zero when the request had no bias
 * @param epochs          per-epoch figures
 * @param preprocessing   the input transformation the model expects
 * @param datasetChecksum sha256 of the files used, {@code name=sha256:hex} joined with ';'
 * @param engine          engine name and version, e.g. "PyTorch 2.5.1"
 * @param device          device it was trained on, e.g. "cpu()"
 * @param duration        wall time from start to finish of the training run
 */
public record TrainingResult(String modelId, TrainingRequest request, List<String> classNames, float[] weights,
                             float[] bias, List<EpochMetrics> epochs, Preprocessing preprocessing,
                             String datasetChecksum, String engine, String device, Duration duration) {

    public TrainingResult {
        require(modelId != null && !modelId.isBlank(), "ml.error.model", "model id is required");
        require(request != null && preprocessing != null, "ml.error.model", "request and preprocessing are required");
        classNames = List.copyOf(classNames);
        require(weights != null && weights.length == classNames.size() * ImageInput.VALUES, "ml.error.model",
                "weights must have classes × " + ImageInput.VALUES + " values");
        require(bias != null && bias.length == classNames.size(), "ml.error.model", "bias needs one value per class");
        weights = weights.clone();
        bias = bias.clone();
        epochs = List.copyOf(epochs);
    }

    public int classCount() {
        return classNames.size();
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    @Override
    public float[] bias() {
        return bias.clone();
    }

    /** Test accuracy after the last epoch (NaN if no epoch finished). */
    public double finalTestAccuracy() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testAccuracy();
    }
}
