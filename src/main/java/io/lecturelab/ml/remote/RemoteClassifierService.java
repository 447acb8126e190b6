package io.lecturelab.ml.remote;

import io.lecturelab.ml.Classification;
import io.lecturelab.ml.ClassifierService;
import io.lecturelab.ml.EngineInfo;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.InvalidSettingException;
import io.lecturelab.ml.MlException;
import io.lecturelab.ml.TrainingHandle;
import io.lecturelab.ml.TrainingListener;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import io.lecturelab.ml.api.MlApi;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * A {@link ClassifierService} on a worker server (e.g. a GPU machine running the same application), over its
 * /api/ml endpoints. Models are referred to by their stored id, so the worker loads them from the shared
 * PostgreSQL; models that were never stored cannot be used remotely. Training does not go through here: jobs are
 * submitted to the shared queue ({@code io.lecturelab.ml.queue.TrainingQueue}), which every worker reads.
 */
public final class RemoteClassifierService implements ClassifierService {

    private final MlClient client;
    private final LongFunction<Optional<Long>> ownerOf;

    /**
     * @param ownerOf the owner of a stored model (the shared database's answer): every call names the user it acts
     *                for, and the worker checks that the model is theirs
     */
    public RemoteClassifierService(URI baseUrl, String token, Duration timeout, LongFunction<Optional<Long>> ownerOf) {
        this.ownerOf = ownerOf;
        this.client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUrl)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle(MlApi.TOKEN_HEADER, token))
                .register(new ErrorMapper())
                .build(MlClient.class);
    }

    @Override
    public TrainingHandle train(TrainingRequest request, TrainingListener listener) {
        throw new MlException("ml.error.remoteTraining",
                "in remote mode training jobs go to the shared queue (TrainingQueue.submit), not to the classifier");
    }

    @Override
    public Classification classify(TrainingResult model, ImageInput image) {
        return call(() -> client.classify(id(model), owner(model), new MlApi.Image(image.values())));
    }

    @Override
    public List<Classification> classifyAll(TrainingResult model, List<ImageInput> images) {
        return call(() -> client.classifyAll(id(model), owner(model),
                new MlApi.Images(images.stream().map(ImageInput::values).toList())));
    }

    @Override
    public Classification explain(TrainingResult model, ImageInput image) {
        return call(() -> client.explain(id(model), owner(model), new MlApi.Image(image.values())));
    }

    @Override
    public ImageInput decodeImage(byte[] encodedImage) {
        return new ImageInput(call(() -> client.decode(encodedImage)).values());
    }

    @Override
    public EngineInfo engineInfo() {
        return call(client::engine);
    }

    @Override
    public long inferenceEngineCalls() {
        return call(client::engineCalls);
    }

    /** A stored model, fetched from the worker. */
    public TrainingResult model(long id) {
        return call(() -> client.model(id, owner(id)));
    }

    @Override
    public void close() {
        if (client instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // nothing to release that matters at shutdown
            }
        }
    }

    private long owner(TrainingResult model) {
        return owner(id(model));
    }

    private long owner(long modelId) {
        return ownerOf.apply(modelId).orElseThrow(() -> new MlException("ml.error.modelNotFound",
                "no stored model " + modelId));
    }

    private static long id(TrainingResult model) {
        try {
            return Long.parseLong(model.modelId());
        } catch (NumberFormatException e) {
            throw new MlException("ml.error.modelNotStored",
                    "model " + model.modelId() + " was never stored, so a remote worker cannot load it");
        }
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException re && (re instanceof MlException
                    || re instanceof InvalidSettingException)) {
                throw re;
            }
            throw new MlException("ml.error.remoteUnavailable", "the ML worker cannot be reached: " + cause, e);
        }
    }

    /** Turns the API's error bodies back into the exceptions the in-process classifier throws. */
    static final class ErrorMapper implements ResponseExceptionMapper<RuntimeException> {

        @Override
        public RuntimeException toThrowable(Response response) {
            MlApi.Error error;
            try {
                error = response.readEntity(MlApi.Error.class);
            } catch (RuntimeException e) {
                error = null;
            }
            String key = error == null || error.key() == null ? "ml.error.remoteUnavailable" : error.key();
            String message = error == null ? "HTTP " + response.getStatus() : error.message();
            if (response.getStatus() == 400) {
                return new InvalidSettingException(key, message);
            }
            return new MlException(key, message);
        }
    }
}
