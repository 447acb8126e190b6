package io.lecturelab.it;

import io.lecturelab.testsupport.PostgresResource;

import java.util.HashMap;
import java.util.Map;

/** The packaged app under test: a real PostgreSQL and a known administrator password. */
public class ItResource extends PostgresResource {

    static final String ADMIN_PASSWORD = "instructor-secret";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("lecturelab.admin.password", ADMIN_PASSWORD);
        return config;
    }
}
