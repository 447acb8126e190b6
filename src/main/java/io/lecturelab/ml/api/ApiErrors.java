package io.lecturelab.ml.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.lecturelab.ml.InvalidSettingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Gives every refusal the REST layer makes by itself the same {@code {key, message, arguments}} body that the API's
 * own refusals carry: a body that is not JSON or lacks fields, an unknown path, a wrong method or media type. Only
 * the /api/ml endpoints are JAX-RS resources, so these mappers apply to them alone.
 */
class ApiErrors {

    // The JSON provider maps its own subtypes (with an empty body): name them, so these mappers are the closer match.
    @ServerExceptionMapper
    Response notJson(JsonParseException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    Response wrongShape(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    Response refusedValue(ValueInstantiationException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    Response unreadable(JsonProcessingException e) {
        // A record's constructor refused a value (e.g. a learning rate of 0): say which, as the API does elsewhere.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidSettingException invalid) {
                return body(400, invalid.messageKey(), invalid.getMessage());
            }
        }
        return body(400, "ml.error.badJson", "the request body is not the JSON this endpoint takes: "
                + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    Response refusedByHttp(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return e.getResponse();
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadable(json);
            }
        }
        String key = switch (status) {
            case 400 -> "ml.error.badRequest";
            case 404 -> "ml.error.noSuchEndpoint";
            case 405 -> "ml.error.methodNotAllowed";
            case 406, 415 -> "ml.error.mediaType";
            default -> "ml.error.badRequest";
        };
        return body(status, key, e.getMessage());
    }

    private static Response body(int status, String key, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new MlApi.Error(key, message, List.of())).build();
    }
}
