package io.lecturelab.base;

import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class HealthTest {

    /**
     * The health addresses the deployment files may probe (Kubernetes startup, liveness and readiness probes, the
     * proxy's server check); {@link DeploymentFilesTest} holds them to this list, this test holds the app to it.
     */
    static final List<String> PROBES = List.of("/q/health/started", "/q/health/live", "/q/health/ready");

    @Test
    void readiness_includes_the_database() {
        RestAssured.get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void every_probe_the_deployment_files_use_answers_up_without_signing_in() {
        for (String probe : PROBES) {
            RestAssured.get(probe).then()
                    .statusCode(200)
                    .body("status", equalTo("UP"));
        }
    }
}
