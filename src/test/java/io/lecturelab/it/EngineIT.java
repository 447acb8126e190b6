package io.lecturelab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.api.MlApi;
import io.lecturelab.testsupport.BrowserSession;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar trains and classifies: the engine is loaded by the class loaders the jar really uses, not the
 * test class path. A small cat-vs-dog job goes through the REST API and the shared queue, then a real CIFAR-10 cat,
 * sent as a PNG file, is classified by the stored model; the administrator's engine check says the engine works.
 */
class EngineIT {

    private static final String TOKEN = "engine-it-token";
    private static final String ADMIN_PASSWORD = "engine-admin-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workingDirectory;

    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @Test
    void the_packaged_app_trains_a_model_and_classifies_an_uploaded_png() throws Exception {
        Path cifar = MlTestData.dir();
        port = PackagedApp.freePort();
        Map<String, String> settings = new HashMap<>(PackagedApp.sharedDataset());
        settings.put("lecturelab.admin.password", ADMIN_PASSWORD);
        settings.put("lecturelab.ml.service-token", TOKEN);
        settings.put("lecturelab.ml.queue.workers", "1");
        Path log = workingDirectory.resolve("app.log");
        started.add(PackagedApp.start(workingDirectory, port, settings, log, "engine test"));

        String request = """
                {"ownerId": 1, "courseId": 1, "request": {"learningRate": 0.02, "batchSize": 256, "epochs": 1,
                 "l2Strength": 0.001, "seed": 7, "bias": true, "classes": "CAT_VS_DOG", "progressEverySteps": 10}}
                """;
        HttpResponse<String> submitted = post("api/ml/jobs", "application/json",
                HttpRequest.BodyPublishers.ofString(request));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        long jobId = JSON.readTree(submitted.body()).get("id").asLong();

        JsonNode job = waitUntilFinished(jobId, log);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        long modelId = job.get("modelId").asLong();

        HttpResponse<String> answer = post("api/ml/models/" + modelId + "/classify-image?ownerId=1", "image/png",
                HttpRequest.BodyPublishers.ofByteArray(TestPictures.firstTestCatAsPng(cifar)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode classification = JSON.readTree(answer.body());
        assertThat(classification.get("classNames").toString()).isEqualTo("[\"cat\",\"dog\"]");
        double sum = 0;
        for (JsonNode p : classification.get("probabilities")) {
            assertThat(p.asDouble()).isBetween(0.0, 1.0);
            sum += p.asDouble();
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));

        HttpResponse<String> engine = get("api/ml/engine");
        assertThat(engine.statusCode()).as(engine.body()).isEqualTo(200);
        assertThat(engine.body()).contains("PyTorch");

        // the administrator's check on the machine-learning page shows the same engine, in Korean too
        try (BrowserSession admin = new BrowserSession(PackagedApp.baseUrl(port), "ko-KR")) {
            admin.signIn("admin", ADMIN_PASSWORD).open("admin/ml");
            admin.page.locator("#engine-check").click();
            PlaywrightAssertions.assertThat(admin.page.locator("#engine-state")).containsText("정상");
            PlaywrightAssertions.assertThat(admin.page.locator("#engine-state")).containsText("PyTorch 2.5.1");
        }
    }

    private JsonNode waitUntilFinished(long jobId, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            JsonNode job = JSON.readTree(get("api/ml/jobs/" + jobId + "?ownerId=1").body());
            String status = job.get("status").asText();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job still " + status + " after 3 minutes:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(PackagedApp.baseUrl(port) + path))
                .header(MlApi.TOKEN_HEADER, TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String type, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(PackagedApp.baseUrl(port) + path))
                .header(MlApi.TOKEN_HEADER, TOKEN).header("Content-Type", type).POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        PackagedApp.stopAll(started, workingDirectory);
    }
}
