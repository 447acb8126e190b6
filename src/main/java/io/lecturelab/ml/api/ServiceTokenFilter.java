package io.lecturelab.ml.api;

import io.lecturelab.base.LectureLabConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Lets a request into a {@link RequiresServiceToken} resource (the /api/ml endpoints) only with the configured service token in {@value MlApi#TOKEN_HEADER}: 401
 * otherwise, and 404 for everything when no token is configured (the API is off). Never a redirect to the
 * sign-in page: these callers are programs.
 */
class ServiceTokenFilter {

    private final Optional<byte[]> token;

    ServiceTokenFilter(LectureLabConfig config) {
        this.token = config.ml().serviceToken().filter(t -> !t.isBlank())
                .map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Runs after routing, for the resource the request reached: however its address was spelled ({@code %2e},
     * {@code ..}, doubled or trailing slashes), a request that reaches {@link MlResource} passes this check.
     */
    @ServerRequestFilter
    Optional<Response> check(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceClass() == null
                || !resource.getResourceClass().isAnnotationPresent(RequiresServiceToken.class)) {
            return Optional.empty();
        }
        if (token.isEmpty()) {
            return Optional.of(error(Response.Status.NOT_FOUND, "ml.error.apiDisabled",
                    "the ML API is off: no lecturelab.ml.service-token is configured"));
        }
        String given = request.getHeaderString(MlApi.TOKEN_HEADER);
        if (given == null || !MessageDigest.isEqual(token.get(), given.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(error(Response.Status.UNAUTHORIZED, "ml.error.serviceToken",
                    "missing or wrong " + MlApi.TOKEN_HEADER + " header"));
        }
        return Optional.empty();
    }

    private static Response error(Response.Status status, String key, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new MlApi.Error(key, message, List.of())).build();
    }
}
