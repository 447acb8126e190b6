package io.lecturelab.ml.api;

import io.lecturelab.ml.TrainingRequest;
import java.util.List;

/** Request and answer bodies of the /api/ml endpoints. */
public final class MlApi {

    /** Header that carries the service token. */
    public static final String TOKEN_HEADER = "X-LectureLab-Token";

    private MlApi() {
    }

    public record Submit(long ownerId, Long courseId, TrainingRequest request) {
    }

    public record Job(long id, long ownerId, Long courseId, TrainingRequest request, String status,
                      boolean cancelRequested, int attempts, Long position, Progress progress, Long modelId,
                      String errorKey, String errorMessage, String submittedAt, String startedAt,
                      String finishedAt) {
    }

    public record Progress(int epoch, int step, int stepsPerEpoch, double loss, double trainAccuracy,
                           Double testAccuracy) {
    }

    /** One image: 3072 values in 0..255, CIFAR layout (1024 red, 1024 green, 1024 blue; row-major). */
    public record Image(float[] values) {
    }

    public record Images(List<float[]> images) {
    }

    /** Why a request was refused: a message key (translated by the UI) and its English text or arguments. */
    public record Error(String key, String message, List<String> arguments) {
    }
}
