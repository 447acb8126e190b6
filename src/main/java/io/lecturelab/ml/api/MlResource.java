package io.lecturelab.ml.api;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.ml.Classification;
import io.lecturelab.ml.ClassifierService;
import io.lecturelab.ml.EngineInfo;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.InProcess;
import io.lecturelab.ml.InvalidSettingException;
import io.lecturelab.ml.MlException;
import io.lecturelab.ml.TrainingResult;
import io.lecturelab.ml.queue.JobView;
import io.lecturelab.ml.queue.ModelStore;
import io.lecturelab.ml.queue.TrainingQueue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The ML worker API: training jobs on the shared queue, stored models, classification. Callers are LectureLab
 * servers (or scripts) holding the service token; they act for the user named in the request.
 */
@Path("/api/ml")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "ML", description = "Softmax classifier training queue and inference")
@SecurityScheme(securitySchemeName = "serviceToken", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = MlApi.TOKEN_HEADER)
@SecurityRequirement(name = "serviceToken")
@RequiresServiceToken
public class MlResource {

    private final TrainingQueue queue;
    private final ModelStore models;
    private final ClassifierService classifier;

    MlResource(TrainingQueue queue, ModelStore models, @InProcess ClassifierService classifier) {
        this.queue = queue;
        this.models = models;
        this.classifier = classifier;
    }

    @POST
    @Path("/jobs")
    @Operation(summary = "Queue a training job for a user; refused (422) over the user's limits")
    public Response submit(MlApi.Submit submit) {
        if (submit == null || submit.request() == null) {
            throw new InvalidSettingException("ml.error.request", "a training request is required");
        }
        long id = queue.submit(submit.ownerId(), submit.courseId(), submit.request());
        return Response.status(Response.Status.CREATED).entity(job(queue.jobOf(submit.ownerId(), id))).build();
    }

    @GET
    @Path("/jobs/{id}")
    @Operation(summary = "A job's status, queue position, latest progress and resulting model id")
    public MlApi.Job job(@PathParam("id") long id, @QueryParam("ownerId") long ownerId) {
        return job(queue.jobOf(ownerId, id));
    }

    @POST
    @Path("/jobs/{id}/cancel")
    @Operation(summary = "Cancel a job: a queued one at once, a running one before its next step")
    public MlApi.Job cancel(@PathParam("id") long id, @QueryParam("ownerId") long ownerId) {
        return job(queue.cancel(ownerId, id));
    }

    @GET
    @Path("/models/{id}")
    @Operation(summary = "A stored model of the user ownerId: settings, metrics, preprocessing and weights")
    public TrainingResult model(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId) {
        return load(id, ownerId);
    }

    @POST
    @Path("/models/{id}/classify")
    @Operation(summary = "Classify one image given as 3072 raw values (0..255, CIFAR layout)")
    public Classification classify(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId,
                                   MlApi.Image image) {
        return classifier.classify(load(id, ownerId), input(image));
    }

    @POST
    @Path("/models/{id}/classify-all")
    @Operation(summary = "Classify many images, answers in input order")
    public List<Classification> classifyAll(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId,
                                            MlApi.Images images) {
        if (images == null || images.images() == null) {
            throw new InvalidSettingException("ml.error.imageSize", "images are required");
        }
        return classifier.classifyAll(load(id, ownerId), images.images().stream().map(ImageInput::new).toList());
    }

    @POST
    @Path("/models/{id}/explain")
    @Operation(summary = "Classify one image and add the per-class contribution maps")
    public Classification explain(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId,
                                  MlApi.Image image) {
        return classifier.explain(load(id, ownerId), input(image));
    }

    @POST
    @Path("/models/{id}/classify-image")
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, "image/png", "image/jpeg"})
    @Operation(summary = "Classify an uploaded PNG or JPEG (any size; scaled to 32x32)")
    @RequestBody(description = "the encoded image file")
    public Classification classifyImage(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId,
                                        byte[] encoded) {
        return classifier.classify(load(id, ownerId), classifier.decodeImage(encoded));
    }

    @POST
    @Path("/decode")
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, "image/png", "image/jpeg"})
    @Operation(summary = "Decode a PNG or JPEG into the 3072 values a model takes")
    public MlApi.Image decode(byte[] encoded) {
        return new MlApi.Image(classifier.decodeImage(encoded).values());
    }

    @GET
    @Path("/engine")
    @Operation(summary = "The engine and device that run the models (starts the engine)")
    public EngineInfo engine() {
        return classifier.engineInfo();
    }

    @GET
    @Path("/engine/calls")
    @Operation(summary = "Engine calls made for classification so far")
    public long engineCalls() {
        return classifier.inferenceEngineCalls();
    }

    // Any other address under /api/ml is answered here (404 with a keyed body): otherwise it would fall through to
    // the web pages, which answer a program with HTML and status 200.

    @GET
    @Path("{unknown: .*}")
    @Operation(hidden = true)
    public void unknownGet() {
        throw new NotFoundException();
    }

    @POST
    @Path("{unknown: .*}")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public void unknownPost() {
        throw new NotFoundException();
    }

    @PUT
    @Path("{unknown: .*}")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public void unknownPut() {
        throw new NotFoundException();
    }

    @DELETE
    @Path("{unknown: .*}")
    @Operation(hidden = true)
    public void unknownDelete() {
        throw new NotFoundException();
    }

    /**
     * The model, for the user the caller acts for: a model of somebody else is answered as if it did not exist, as
     * jobs are.
     */
    private TrainingResult load(long id, Long ownerId) {
        if (ownerId == null) {
            throw new InvalidSettingException("ml.error.ownerRequired", "the ownerId query parameter is required");
        }
        if (!models.ownerOf(id).map(ownerId::equals).orElse(false)) {
            throw new MlException("ml.error.modelNotFound", "no model " + id + " of user " + ownerId);
        }
        return models.load(id).orElseThrow(() -> new MlException("ml.error.modelNotFound", "no model " + id));
    }

    private static ImageInput input(MlApi.Image image) {
        if (image == null || image.values() == null) {
            throw new InvalidSettingException("ml.error.imageSize", "an image is required");
        }
        return new ImageInput(image.values());
    }

    static MlApi.Job job(JobView j) {
        MlApi.Progress p = j.progress().map(g -> new MlApi.Progress(g.epoch(), g.step(), g.stepsPerEpoch(),
                g.loss(), g.trainAccuracy(), Double.isNaN(g.testAccuracy()) ? null : g.testAccuracy())).orElse(null);
        return new MlApi.Job(j.id(), j.ownerId(), j.courseId(), j.request(), j.status().name(), j.cancelRequested(),
                j.attempts(), j.position().isPresent() ? j.position().getAsLong() : null, p,
                j.modelId().isPresent() ? j.modelId().getAsLong() : null, j.errorKey().orElse(null),
                j.errorMessage().orElse(null), j.submittedAt().toString(),
                j.startedAt().map(Object::toString).orElse(null), j.finishedAt().map(Object::toString).orElse(null));
    }

    @ServerExceptionMapper
    Response refused(UserFacingException e) {
        return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE).entity(new MlApi.Error(e.messageKey(),
                e.getMessage(), Arrays.stream(e.arguments()).map(String::valueOf).toList())).build();
    }

    @ServerExceptionMapper
    Response invalid(InvalidSettingException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new MlApi.Error(e.messageKey(), e.getMessage(), List.of())).build();
    }

    @ServerExceptionMapper
    Response engineError(MlException e) {
        int status = switch (e.messageKey()) {
            case "ml.error.modelNotFound" -> 404;
            case "ml.error.engineMissing", "ml.error.engineClassMissing", "ml.error.engineFailed", "ml.error.noGpu" -> 503;
            default -> 422;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new MlApi.Error(e.messageKey(), e.getMessage(), List.of())).build();
    }
}
