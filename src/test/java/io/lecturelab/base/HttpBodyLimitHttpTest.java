package io.lecturelab.base;

import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The derived HTTP body limit, over real HTTP: a 12 MB attachment limit lets a 12 MB body through Undertow. */
@QuarkusTest
@TestProfile(HttpBodyLimitHttpTest.TwelveMegabytes.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class HttpBodyLimitHttpTest {

    private static final int MIB = 1024 * 1024;

    public static class TwelveMegabytes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lecturelab.lectures.max-attachment-bytes", Integer.toString(12 * MIB),
                    "lecturelab.coursework.max-file-bytes", Integer.toString(2 * MIB));
        }
    }

    @TestHTTPResource("/")
    URI url;

    @Test
    void a_body_as_large_as_the_attachment_limit_passes_the_http_layer_and_a_much_larger_one_does_not()
            throws Exception {
        assertThat(ConfigProvider.getConfig().getValue(HttpBodyLimit.PROPERTY, String.class))
                .isEqualTo(Long.toString(12L * MIB + HttpBodyLimit.OVERHEAD));

        RestAssured.given().contentType("application/octet-stream").body(new byte[12 * MIB])
                .post("/test/body-size").then().statusCode(200).body(equalTo(Integer.toString(12 * MIB)));
        // Asking first (Expect: 100-continue) lets the server answer before the client sends what it will refuse.
        HttpRequest tooLarge = HttpRequest.newBuilder(url.resolve("test/body-size")).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[15 * MIB])).build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            assertThat(client.send(tooLarge, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(413);
        }
    }
}
