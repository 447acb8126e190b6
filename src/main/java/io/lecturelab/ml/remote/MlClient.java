package io.lecturelab.ml.remote;

import io.lecturelab.ml.Classification;
import io.lecturelab.ml.EngineInfo;
import io.lecturelab.ml.TrainingResult;
import io.lecturelab.ml.api.MlApi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** REST client of {@code io.lecturelab.ml.api.MlResource} (the parts a classifier needs). */
@Path("/api/ml")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface MlClient {

    @GET
    @Path("/models/{id}")
    TrainingResult model(@PathParam("id") long id, @QueryParam("ownerId") long ownerId);

    @POST
    @Path("/models/{id}/classify")
    Classification classify(@PathParam("id") long id, @QueryParam("ownerId") long ownerId, MlApi.Image image);

    @POST
    @Path("/models/{id}/classify-all")
    List<Classification> classifyAll(@PathParam("id") long id, @QueryParam("ownerId") long ownerId,
                                     MlApi.Images images);

    @POST
    @Path("/models/{id}/explain")
    Classification explain(@PathParam("id") long id, @QueryParam("ownerId") long ownerId, MlApi.Image image);

    @POST
    @Path("/decode")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    MlApi.Image decode(byte[] encoded);

    @GET
    @Path("/engine")
    EngineInfo engine();

    @GET
    @Path("/engine/calls")
    long engineCalls();
}
