package io.lecturelab.ml.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturelab.ml.EpochMetrics;
import io.lecturelab.ml.Preprocessing;
import io.lecturelab.ml.TrainingResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Trained models in PostgreSQL. A loaded model's {@link TrainingResult#modelId()} is its row id, so classifiers
 * (in-process or remote) can refer to it; weights come back bit for bit.
 */
@ApplicationScoped
@Transactional
public class ModelStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StoredModelRepository models;
    private final Clock clock;

    ModelStore(StoredModelRepository models, Clock clock) {
        this.models = models;
        this.clock = clock;
    }

    /** Stores a model for {@code ownerId} (an app_user id), optionally in a course; returns its id. */
    public long save(TrainingResult result, long ownerId, Long courseId) {
        StoredModel m = new StoredModel();
        m.ownerId = ownerId;
        m.courseId = courseId;
        m.request = RequestColumns.of(result.request());
        m.classNames = json(result.classNames());
        m.epochMetrics = json(result.epochs());
        m.datasetChecksum = result.datasetChecksum();
        m.engine = result.engine();
        m.device = result.device();
        m.preprocessing = result.preprocessing().method();
        m.preprocessingScale = result.preprocessing().scale();
        m.meanImage = FloatBytes.encode(result.preprocessing().mean());
        m.weights = FloatBytes.encode(result.weights());
        m.biasValues = FloatBytes.encode(result.bias());
        m.trainingMillis = result.duration().toMillis();
        m.createdAt = clock.instant();
        models.persist(m);
        return m.id;
    }

    public Optional<TrainingResult> load(long id) {
        return models.findByIdOptional(id).map(ModelStore::toResult);
    }

    /** Owner of a stored model, if it exists. */
    public Optional<Long> ownerOf(long id) {
        return models.findByIdOptional(id).map(m -> m.ownerId);
    }

    private static TrainingResult toResult(StoredModel m) {
        try {
            List<String> names = JSON.readValue(m.classNames, new TypeReference<>() { });
            List<EpochMetrics> epochs = JSON.readValue(m.epochMetrics, new TypeReference<>() { });
            return new TrainingResult(Long.toString(m.id), m.request.toRequest(), names, FloatBytes.decode(m.weights),
                    FloatBytes.decode(m.biasValues), epochs,
                    new Preprocessing(m.preprocessing, FloatBytes.decode(m.meanImage), m.preprocessingScale),
                    m.datasetChecksum, m.engine, m.device, Duration.ofMillis(m.trainingMillis));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model " + m.id + " has unreadable metadata", e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
