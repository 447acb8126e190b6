package io.lecturelab.it;

import io.lecturelab.testsupport.PostgresResource;

import java.util.HashMap;
import java.util.Map;

/**
 * The packaged app under test: a real PostgreSQL, a known administrator password and the shared CIFAR-10 data.
 * Test classes name it with {@code restrictToAnnotatedClass = true}: otherwise Quarkus applies it to every
 * {@code @QuarkusTest} of the module too, and its settings (service token, upload limit) leak into them.
 */
public class ItResource extends PostgresResource {

    static final String ADMIN_PASSWORD = "instructor-secret";
    /** A small attachment limit keeps the upload tests fast; the HTTP body limit follows it (HttpBodyLimit). */
    static final int MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("lecturelab.admin.password", ADMIN_PASSWORD);
        // long enough that a browser's next attempt surely falls inside it (SignInIT)
        config.put("lecturelab.sign-in.first-wait", "PT30S");
        // the ML API is on, so the access matrix sees every endpoint refuse callers without this token
        config.put("lecturelab.ml.service-token", "it-service-token");
        // The packaged app does not see the test JVM's system properties (only these settings are passed on), so
        // without this it would look for CIFAR-10 in ./data/cifar10 and download it from the internet.
        config.putAll(PackagedApp.sharedDataset());
        config.put("lecturelab.lectures.max-attachment-bytes", Integer.toString(MAX_ATTACHMENT_BYTES));
        return config;
    }
}
