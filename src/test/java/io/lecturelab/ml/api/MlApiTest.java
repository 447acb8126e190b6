package io.lecturelab.ml.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.lecturelab.ml.Cifar10TestResource;
import io.lecturelab.ml.Classification;
import io.lecturelab.ml.ClassifierService;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.InProcess;
import io.lecturelab.ml.InvalidSettingException;
import io.lecturelab.ml.MlException;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import io.lecturelab.ml.queue.ModelStore;
import io.lecturelab.ml.queue.QueueTestData;
import io.lecturelab.ml.remote.RemoteClassifierService;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
// the app under test reads CIFAR-10 from the folder the tests found
@QuarkusTestResource(value = Cifar10TestResource.class, restrictToAnnotatedClass = false)
class MlApiTest {

    private static final String TOKEN = "test-service-token";

    @TestHTTPResource("/")
    URL base;

    @Inject
    ModelStore models;

    @Inject
    @InProcess
    ClassifierService local;

    @BeforeEach
    void emptyQueue() {
        QueueTestData.clearJobs();
    }

    @Test
    void without_the_service_token_the_api_answers_401_and_never_redirects_to_the_sign_in_page() {
        for (String token : new String[] {null, "wrong-token", ""}) {
            var request = given().redirects().follow(false);
            if (token != null) {
                request = request.header(MlApi.TOKEN_HEADER, token);
            }
            request.get("/api/ml/jobs/1?ownerId=1").then().statusCode(401)
                    .body("key", equalTo("ml.error.serviceToken"));
        }
        given().redirects().follow(false).contentType(ContentType.JSON).body("{}")
                .post("/api/ml/jobs").then().statusCode(401);
    }

    @Test
    void the_api_is_described_in_openapi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/ml/jobs"))
                .body(containsString("/api/ml/models/{id}/classify-image"))
                .body(containsString(MlApi.TOKEN_HEADER));
    }

    @Test
    void a_job_is_submitted_looked_at_and_cancelled_over_rest() {
        long owner = QueueTestData.newUser();
        Map<String, Object> body = Map.of("ownerId", owner, "request", TrainingRequest.defaults().withEpochs(2));

        Number id = authorised().body(body).post("/api/ml/jobs").then().statusCode(201)
                .body("status", equalTo("QUEUED")).body("position", equalTo(1))
                .body("request.epochs", equalTo(2)).extract().path("id");

        authorised().get("/api/ml/jobs/" + id + "?ownerId=" + owner).then().statusCode(200)
                .body("status", equalTo("QUEUED")).body("submittedAt", notNullValue());
        authorised().get("/api/ml/jobs/" + id + "?ownerId=" + (owner + 100_000)).then().statusCode(422)
                .body("key", equalTo("ml.error.jobNotFound"));
        authorised().post("/api/ml/jobs/" + id + "/cancel?ownerId=" + owner).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
    }

    @Test
    void refusals_carry_their_message_key() {
        long owner = QueueTestData.newUser();
        authorised().body(Map.of("ownerId", owner, "request", TrainingRequest.defaults().withEpochs(51)))
                .post("/api/ml/jobs").then().statusCode(422).body("key", equalTo("ml.error.tooManyEpochs"))
                .body("arguments[0]", equalTo("50"));
        long model = models.save(QueueTestData.randomModel(2), owner, null);
        authorised().body(Map.of("values", new float[3])).post("/api/ml/models/" + model + "/classify?ownerId=" + owner)
                .then()
                .statusCode(400).body("key", equalTo("ml.error.imageSize"));
        authorised().body(Map.of("values", new float[ImageInput.VALUES]))
                .post("/api/ml/models/" + Long.MAX_VALUE + "/classify?ownerId=" + owner).then()
                .statusCode(404).body("key", equalTo("ml.error.modelNotFound"));
    }

    @Test
    void a_model_is_used_only_for_its_owner_and_answers_for_anybody_else_as_if_it_did_not_exist() {
        long owner = QueueTestData.newUser();
        long other = QueueTestData.newUser();
        long model = models.save(QueueTestData.randomModel(6), owner, null);
        Map<String, float[]> image = Map.of("values", new float[ImageInput.VALUES]);
        authorised().get("/api/ml/models/" + model + "?ownerId=" + owner).then().statusCode(200);
        authorised().body(image).post("/api/ml/models/" + model + "/classify?ownerId=" + owner).then()
                .statusCode(200);
        for (String call : List.of("", "/classify", "/explain")) {
            var request = authorised().body(image);
            String path = "/api/ml/models/" + model + call + "?ownerId=" + other;
            (call.isEmpty() ? request.get(path) : request.post(path)).then().statusCode(404)
                    .body("key", equalTo("ml.error.modelNotFound"));
        }
        authorised().body(Map.of("images", List.of(new float[ImageInput.VALUES])))
                .post("/api/ml/models/" + model + "/classify-all?ownerId=" + other).then().statusCode(404);
        authorised().contentType("image/png").body(new byte[] {1})
                .post("/api/ml/models/" + model + "/classify-image?ownerId=" + other).then().statusCode(404);
        authorised().get("/api/ml/models/" + model).then().statusCode(400)
                .body("key", equalTo("ml.error.ownerRequired"));
    }

    @Test
    void the_token_is_checked_for_the_endpoint_reached_however_its_address_is_spelled() {
        long owner = QueueTestData.newUser();
        long model = models.save(QueueTestData.randomModel(7), owner, null);
        for (String path : List.of("/api/ml/engine/calls", "/api/ml/engine/calls/", "//api/ml/engine/calls",
                "/api//ml/engine/calls", "/api/ml/./engine/calls", "/api/ml/x/../engine/calls",
                "/api/%6Dl/engine/calls", "/api/ml/%2e/engine/calls", "/x/../api/ml/engine/calls",
                "/api/ml/models/" + model + "?ownerId=" + owner)) {
            var anonymous = given().redirects().follow(false).urlEncodingEnabled(false).get(path);
            assertThat(anonymous.statusCode()).as(path).isIn(400, 401, 404);
            assertThat(anonymous.body().asString()).as(path).doesNotContain("weights").doesNotContain("PyTorch");
            if (anonymous.statusCode() != 400) {
                // where the server takes the address at all, without the token it is refused with a keyed body
                assertThat(anonymous.contentType()).as(path).startsWith("application/json");
            }
        }
    }

    @Test
    void every_refusal_of_the_http_layer_carries_a_keyed_body() {
        long owner = QueueTestData.newUser();
        authorised().body("this is not json").post("/api/ml/jobs").then().statusCode(400)
                .body("key", equalTo("ml.error.badJson")).body("message", notNullValue());
        authorised().body("{\"ownerId\": \"seven\"}").post("/api/ml/jobs").then().statusCode(400)
                .body("key", equalTo("ml.error.badJson"));
        authorised().body("{\"ownerId\": " + owner + "}").post("/api/ml/jobs").then().statusCode(400)
                .body("key", equalTo("ml.error.request"));
        // a training request whose fields are missing has a learning rate of 0: the record itself refuses it
        authorised().body("{\"ownerId\": " + owner + ", \"request\": {}}").post("/api/ml/jobs").then()
                .statusCode(400).body("key", equalTo("ml.error.learningRate"));
        authorised().body(Map.of("ownerId", Long.MAX_VALUE, "request", TrainingRequest.defaults()))
                .post("/api/ml/jobs").then().statusCode(422).body("key", equalTo("ml.error.unknownOwner"));
        authorised().get("/api/ml/no-such-thing").then().statusCode(404)
                .body("key", equalTo("ml.error.noSuchEndpoint"));
        authorised().delete("/api/ml/jobs").then().statusCode(404).body("key", equalTo("ml.error.noSuchEndpoint"));
        authorised().patch("/api/ml/jobs").then().statusCode(405).body("key", equalTo("ml.error.methodNotAllowed"));
        authorised().contentType("text/plain").body("x").post("/api/ml/decode").then().statusCode(415)
                .body("key", equalTo("ml.error.mediaType"));
    }

    @Test
    void the_remote_classifier_gives_the_same_answers_as_the_in_process_one() throws Exception {
        MlTestData.dir();
        long owner = QueueTestData.newUser();
        TrainingResult stored = models.load(models.save(QueueTestData.randomModel(3), owner, null)).orElseThrow();
        ImageInput image = image(11);
        byte[] png = png();

        try (RemoteClassifierService remote = new RemoteClassifierService(base.toURI(), TOKEN,
                Duration.ofSeconds(30), models::ownerOf)) {
            Classification expected = local.classify(stored, image);
            Classification got = remote.classify(stored, image);
            // equal up to float rounding: PyTorch may use another thread count on the HTTP worker thread
            assertThat(got.scores()).usingComparatorWithPrecision(1e-4f).containsExactly(expected.scores());
            assertThat(got.probabilities()).usingComparatorWithPrecision(1e-6f)
                    .containsExactly(expected.probabilities());
            assertThat(got.predictedIndex()).isEqualTo(expected.predictedIndex());
            assertThat(got.classNames()).isEqualTo(stored.classNames());

            List<Classification> all = remote.classifyAll(stored, List.of(image, image(12)));
            assertThat(all).hasSize(2);
            assertThat(all.get(1).scores()).usingComparatorWithPrecision(1e-4f)
                    .containsExactly(local.classify(stored, image(12)).scores());

            Classification explained = remote.explain(stored, image);
            assertThat(explained.contributions()).hasDimensions(10, ImageInput.PIXELS);
            assertThat(explained.contributions()[3]).usingComparatorWithPrecision(1e-4f)
                    .containsExactly(local.explain(stored, image).contributions()[3]);

            assertThat(remote.decodeImage(png).values()).containsExactly(local.decodeImage(png).values());
            assertThat(remote.engineInfo().engine()).startsWith("PyTorch");
            assertThat(remote.model(Long.parseLong(stored.modelId())).weights()).containsExactly(stored.weights());

            assertThatThrownBy(() -> remote.classify(QueueTestData.randomModel(4), image))
                    .isInstanceOf(MlException.class)
                    .extracting(e -> ((MlException) e).messageKey()).isEqualTo("ml.error.modelNotStored");
        }
        try (RemoteClassifierService wrongToken = new RemoteClassifierService(base.toURI(), "nope",
                Duration.ofSeconds(30), models::ownerOf)) {
            assertThatThrownBy(() -> wrongToken.classify(stored, image)).isInstanceOf(MlException.class)
                    .extracting(e -> ((MlException) e).messageKey()).isEqualTo("ml.error.serviceToken");
        }
        try (RemoteClassifierService nobody = new RemoteClassifierService(URI.create("http://127.0.0.1:1"), TOKEN,
                Duration.ofSeconds(5), models::ownerOf)) {
            assertThatThrownBy(() -> nobody.classify(stored, image)).isInstanceOf(MlException.class)
                    .extracting(e -> ((MlException) e).messageKey()).isEqualTo("ml.error.remoteUnavailable");
        }
    }

    @Test
    void an_uploaded_image_is_classified_like_its_decoded_values() throws Exception {
        MlTestData.dir();
        long owner = QueueTestData.newUser();
        long id = models.save(QueueTestData.randomModel(5), owner, null);
        TrainingResult stored = models.load(id).orElseThrow();
        byte[] png = png();
        float[] expected = local.classify(stored, local.decodeImage(png)).scores();

        List<Float> scores = authorised().contentType("image/png").body(png)
                .post("/api/ml/models/" + id + "/classify-image?ownerId=" + owner).then().statusCode(200).extract().path("scores");
        for (int i = 0; i < expected.length; i++) {
            assertThat(scores.get(i).floatValue()).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-4f));
        }
        authorised().contentType("image/png").body(new byte[] {1, 2, 3})
                .post("/api/ml/models/" + id + "/classify-image?ownerId=" + owner).then().statusCode(422)
                .body("key", equalTo("ml.error.notAnImage"));
        assertThatThrownBy(() -> new ImageInput(new float[1])).isInstanceOf(InvalidSettingException.class);
    }

    private static io.restassured.specification.RequestSpecification authorised() {
        return given().redirects().follow(false).header(MlApi.TOKEN_HEADER, TOKEN).contentType(ContentType.JSON);
    }

    private static ImageInput image(int seed) {
        float[] v = new float[ImageInput.VALUES];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 31 + seed * 17) % 256;
        }
        return new ImageInput(v);
    }

    private static byte[] png() throws Exception {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                img.setRGB(x, y, new Color(x * 6, y * 8, (x + y) * 3).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
