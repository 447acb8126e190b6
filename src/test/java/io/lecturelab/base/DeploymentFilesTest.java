package io.lecturelab.base;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files (docker/compose.yaml, docker/haproxy.cfg, docker/k8s/) cannot be run by the test suite (no
 * Docker engine, no cluster), so what would silently rot in them is checked here against the app itself: every
 * setting they pass is a real configuration key with a valid value, the probes are addresses the app serves
 * ({@link HealthTest}), the web tier has two or more servers behind cookie affinity, the worker asks for a GPU, every
 * server shares one database, session key and service token, ports match the Dockerfiles, and the grace period
 * before a kill covers the app's bounded stop.
 */
class DeploymentFilesTest {

    private static final Path DOCKER = Path.of("docker");
    private static final Path K8S = DOCKER.resolve("k8s");
    /** Settings every LectureLab server must read from one shared source. */
    private static final List<String> SHARED = List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", "LECTURELAB_ML_SERVICE_TOKEN");
    private static final String ROLE = "LECTURELAB_ML_ROLE";

    // ---------------------------------------------------------------- docker/compose.yaml

    @Test
    void compose_runs_one_server_by_default_and_the_scale_profile_adds_web_servers_a_gpu_worker_and_a_proxy() {
        Map<String, Map<String, Object>> services = composeServices();
        Set<String> byDefault = services.entrySet().stream().filter(e -> !e.getValue().containsKey("profiles"))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        assertThat(byDefault).as("docker compose up without a profile: the single server").containsExactly(
                "app", "postgres");
        assertThat(role(environment(services.get("app")))).isEqualTo("both");
        for (String name : List.of("web", "worker", "proxy")) {
            assertThat(list(services.get(name).get("profiles"))).as(name + "'s profiles").containsExactly("scale");
        }

        Map<String, Object> web = services.get("web");
        assertThat(role(environment(web))).isEqualTo("web");
        assertThat(((Number) map(web.get("deploy")).get("replicas")).intValue()).as("web replicas")
                .isGreaterThanOrEqualTo(2);
        assertThat(web).as("web servers are reached through the proxy only").doesNotContainKey("ports");

        Map<String, Object> worker = services.get("worker");
        assertThat(role(environment(worker))).isEqualTo("worker");
        List<Object> devices = list(map(map(map(worker.get("deploy")).get("resources")).get("reservations"))
                .get("devices"));
        assertThat(devices).as("the worker reserves an NVIDIA GPU").anySatisfy(device -> {
            Map<String, Object> d = map(device);
            assertThat(d.get("driver")).isEqualTo("nvidia");
            assertThat(list(d.get("capabilities"))).contains("gpu");
            assertThat(((Number) d.getOrDefault("count", 1)).intValue()).isGreaterThanOrEqualTo(1);
        });
        assertThat(map(worker.get("build")).get("dockerfile")).isEqualTo("docker/Dockerfile.gpu");

        Map<String, Object> proxy = services.get("proxy");
        assertThat(list(proxy.get("volumes"))).contains("./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
        assertThat(list(proxy.get("depends_on"))).contains("web");
    }

    @Test
    void compose_servers_share_the_database_the_session_key_and_the_service_token() {
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        appServices().forEach((name, service) -> environments.put(name, environment(service)));
        assertThat(environments.keySet()).containsExactlyInAnyOrder("app", "web", "worker");
        for (String key : SHARED) {
            Set<String> values = environments.values().stream().map(env -> env.get(key))
                    .collect(Collectors.toSet());
            assertThat(values).as(key + " on every server").hasSize(1).doesNotContainNull();
        }
    }

    @Test
    void compose_sets_only_real_configuration_keys_with_valid_values() {
        appServices().forEach((name, service) -> assertRealSettings("compose service " + name,
                environment(service)));
    }

    @Test
    void compose_ports_match_the_dockerfiles_and_the_stop_fits_in_the_grace_period() {
        appServices().forEach((name, service) -> {
            int exposed = exposedPort(Path.of(String.valueOf(map(service.get("build")).get("dockerfile"))));
            assertThat(exposed).as(name + ": EXPOSE").isEqualTo(8080);
            for (Object port : list(service.getOrDefault("ports", List.of()))) {
                assertThat(String.valueOf(port)).as(name + " publishes the container's port").endsWith(":" + exposed);
            }
            for (Object port : list(service.getOrDefault("expose", List.of()))) {
                assertThat(String.valueOf(port)).isEqualTo(String.valueOf(exposed));
            }
            assertThat(composeDuration(String.valueOf(service.get("stop_grace_period")))).as(name + " grace period")
                    .isGreaterThan(longestStop());
        });
    }

    // ---------------------------------------------------------------- docker/haproxy.cfg

    @Test
    void the_proxy_keeps_each_browser_on_its_web_server_and_checks_a_probe_the_app_serves() throws IOException {
        List<String> lines = Files.readAllLines(DOCKER.resolve("haproxy.cfg")).stream()
                .map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty()).toList();
        assertThat(lines).as("a cookie inserted by the proxy").anyMatch(l -> l.matches("cookie \\S+ insert .*"));
        String check = lines.stream().filter(l -> l.startsWith("option httpchk ")).findFirst().orElseThrow();
        assertThat(HealthTest.PROBES).contains(check.split("\\s+")[3]);
        Matcher servers = Pattern.compile("server-template \\S+ (\\d+) (\\S+):(\\d+) .*")
                .matcher(lines.stream().filter(l -> l.startsWith("server-template")).findFirst().orElseThrow());
        assertThat(servers.matches()).isTrue();
        int replicas = ((Number) map(composeServices().get("web").get("deploy")).get("replicas")).intValue();
        assertThat(Integer.parseInt(servers.group(1))).as("server slots").isGreaterThanOrEqualTo(replicas);
        assertThat(servers.group(2)).as("the web service's name").isEqualTo("web");
        assertThat(Integer.parseInt(servers.group(3))).isEqualTo(exposedPort(DOCKER.resolve("Dockerfile")));
        String published = String.valueOf(list(composeServices().get("proxy").get("ports")).getFirst());
        assertThat(lines).as("the proxy listens where compose publishes it")
                .contains("bind :" + published.substring(published.lastIndexOf(':') + 1));
    }

    // ---------------------------------------------------------------- docker/k8s

    @Test
    void kustomization_lists_every_manifest() throws IOException {
        Set<String> listed = new TreeSet<>(list(kustomization().get("resources")).stream().map(String::valueOf)
                .toList());
        try (Stream<Path> files = Files.list(K8S)) {
            Set<String> present = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .filter(n -> !n.equals("kustomization.yaml")).collect(Collectors.toCollection(TreeSet::new));
            assertThat(listed).isEqualTo(present);
        }
        Set<String> images = list(kustomization().get("images")).stream().map(i -> String.valueOf(map(i).get("name")))
                .collect(Collectors.toSet());
        for (Map<String, Object> deployment : appDeployments().values()) {
            assertThat(images).contains(String.valueOf(container(deployment).get("image")));
        }
    }

    @Test
    void kubernetes_web_tier_has_two_or_more_servers_behind_cookie_affinity() {
        Map<String, Object> web = appDeployments().get("lecturelab-web");
        assertThat(((Number) map(web.get("spec")).get("replicas")).intValue()).isGreaterThanOrEqualTo(2);
        assertThat(role(kubernetesEnvironment(web))).isEqualTo("web");

        Map<String, Object> ingress = single("Ingress");
        Map<String, Object> annotations = map(map(ingress.get("metadata")).get("annotations"));
        assertThat(annotations.get("nginx.ingress.kubernetes.io/affinity")).isEqualTo("cookie");
        assertThat(annotations).containsKey("nginx.ingress.kubernetes.io/session-cookie-name");
        Map<String, Object> backend = map(map(map(list(map(map(list(map(ingress.get("spec")).get("rules"))
                .getFirst()).get("http")).get("paths")).getFirst()).get("backend")).get("service"));
        Map<String, Object> service = named("Service", String.valueOf(backend.get("name")));
        assertThat(map(map(service.get("spec")).get("selector"))).as("the Ingress's Service selects the web pods")
                .isEqualTo(map(map(map(map(web.get("spec")).get("template")).get("metadata")).get("labels")));
        Map<String, Object> servicePort = map(list(map(service.get("spec")).get("ports")).getFirst());
        assertThat(servicePort.get("name")).isEqualTo(map(backend.get("port")).get("name"));
        assertThat(containerPort(web, String.valueOf(servicePort.get("targetPort"))))
                .isEqualTo(exposedPort(DOCKER.resolve("Dockerfile")));
    }

    @Test
    void kubernetes_worker_requests_a_gpu() {
        Map<String, Object> worker = appDeployments().get("lecturelab-worker");
        assertThat(role(kubernetesEnvironment(worker))).isEqualTo("worker");
        Map<String, Object> limits = map(map(container(worker).get("resources")).get("limits"));
        assertThat(limits).containsKey("nvidia.com/gpu");
        assertThat(((Number) limits.get("nvidia.com/gpu")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(container(worker).get("image")).isEqualTo("lecturelab-gpu");
        assertThat(containerPort(worker, "http")).isEqualTo(exposedPort(DOCKER.resolve("Dockerfile.gpu")));
    }

    @Test
    void kubernetes_probes_are_addresses_the_app_serves_and_the_stop_fits_in_the_grace_period() {
        appDeployments().forEach((name, deployment) -> {
            Map<String, Object> container = container(deployment);
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
                assertThat(HealthTest.PROBES).as(name + " " + probe).contains(String.valueOf(get.get("path")));
                assertThat(containerPort(deployment, String.valueOf(get.get("port")))).isEqualTo(8080);
            }
            assertThat(Duration.ofSeconds(((Number) podSpec(deployment).get("terminationGracePeriodSeconds"))
                    .longValue())).as(name + " grace period").isGreaterThan(longestStop());
        });
    }

    @Test
    void kubernetes_servers_share_the_database_the_session_key_and_the_service_token() {
        Map<String, Map<String, String>> sources = new LinkedHashMap<>();
        appDeployments().forEach((name, deployment) -> sources.put(name, kubernetesSources(deployment)));
        assertThat(sources).hasSize(2);
        for (String key : SHARED) {
            Set<String> values = sources.values().stream().map(s -> s.get(key)).collect(Collectors.toSet());
            assertThat(values).as(key + " on every server").hasSize(1).doesNotContainNull();
        }
        // every secret reference names a key of the Secret, whose values are placeholders, never real ones
        Map<String, Object> secret = single("Secret");
        Map<String, Object> data = map(secret.get("stringData"));
        sources.values().forEach(s -> s.values().stream().filter(v -> v.startsWith("secret:")).forEach(v -> {
            String[] parts = v.split(":");
            assertThat(parts[1]).isEqualTo(map(secret.get("metadata")).get("name"));
            assertThat(data).containsKey(parts[2]);
        }));
        assertThat(data.values()).allSatisfy(v -> assertThat(String.valueOf(v)).startsWith("CHANGE-ME"));
    }

    @Test
    void kubernetes_sets_only_real_configuration_keys_with_valid_values() {
        appDeployments().forEach((name, deployment) -> assertRealSettings("deployment " + name,
                kubernetesEnvironment(deployment)));
    }

    // ---------------------------------------------------------------- what the app accepts

    /** Every LECTURELAB_ and QUARKUS_ variable is a key the app reads; enumerated values are ones it accepts. */
    private static void assertRealSettings(String where, Map<String, String> environment) {
        Map<String, Class<?>> lecturelab = lectureLabVariables();
        Set<String> quarkus = quarkusVariables();
        assertThat(quarkus).as("Quarkus's configuration model on the class path").contains(
                "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY");
        environment.forEach((variable, value) -> {
            if (variable.startsWith("LECTURELAB_")) {
                assertThat(lecturelab).as(where + ": " + variable + " is a lecturelab.* key").containsKey(variable);
                Class<?> type = lecturelab.get(variable);
                if (type.isEnum() && !value.isEmpty()) {
                    Set<String> accepted = Arrays.stream(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c).name()).collect(Collectors.toSet());
                    assertThat(accepted).as(where + ": " + variable + "=" + value)
                            .contains(value.toUpperCase().replace('-', '_'));
                }
            } else if (variable.startsWith("QUARKUS_")) {
                assertThat(quarkus).as(where + ": " + variable + " is a quarkus.* key").contains(variable);
            } else {
                throw new AssertionError(where + ": " + variable + " is no LectureLab or Quarkus setting");
            }
        });
        if (environment.containsKey("LECTURELAB_ML_DEVICE")) {
            assertThat(environment.get("LECTURELAB_ML_DEVICE")).isIn("auto", "cpu", "gpu");
        }
    }

    /** Environment variable names of every {@code lecturelab.*} key, by walking {@link LectureLabConfig}. */
    static Map<String, Class<?>> lectureLabVariables() {
        Map<String, Class<?>> variables = new HashMap<>();
        walk(LectureLabConfig.class, "lecturelab", variables);
        return variables;
    }

    private static void walk(Class<?> group, String prefix, Map<String, Class<?>> variables) {
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() != 0 || method.isDefault()
                    || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name = prefix + "." + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() != null
                    && type.getName().startsWith(LectureLabConfig.class.getName())) {
                walk(type, name, variables);
            } else {
                if (type == Optional.class) {
                    Type argument = ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
                    type = argument instanceof Class<?> c ? c : Object.class;
                }
                variables.put(name.toUpperCase().replaceAll("[^A-Z0-9]", "_"), type);
            }
        }
    }

    /** Environment variable names of every Quarkus key, from the configuration model its extensions ship. */
    static Set<String> quarkusVariables() {
        Set<String> variables = new HashSet<>();
        Pattern environmentVariable = Pattern.compile("\"environmentVariable\"\\s*:\\s*\"([A-Z0-9_]+)\"");
        try {
            for (URL model : Collections.list(DeploymentFilesTest.class.getClassLoader()
                    .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
                try (InputStream in = model.openStream()) {
                    Matcher m = environmentVariable.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    while (m.find()) {
                        variables.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return variables;
    }

    /** The longest a server takes to stop after SIGTERM: graceful wait, then the worker pool's own timeout. */
    private static Duration longestStop() {
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            Properties properties = new Properties();
            properties.load(in);
            return Stream.of("quarkus.shutdown.timeout", "quarkus.thread-pool.shutdown-timeout")
                    .map(key -> Optional.ofNullable(properties.getProperty(key))
                            .orElseThrow(() -> new AssertionError(key + " is not set: the stop is not bounded")))
                    .map(value -> Duration.parse("PT" + value)).reduce(Duration.ZERO, Duration::plus);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- reading the files

    private static Map<String, Map<String, Object>> composeServices() {
        Map<String, Object> compose = map(load(DOCKER.resolve("compose.yaml")).getFirst());
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(compose.get("services")).forEach((name, service) -> services.put(name, map(service)));
        return services;
    }

    /** The services that run LectureLab (built from one of its Dockerfiles). */
    private static Map<String, Map<String, Object>> appServices() {
        Map<String, Map<String, Object>> apps = new LinkedHashMap<>();
        composeServices().forEach((name, service) -> {
            if (service.get("build") != null
                    && String.valueOf(map(service.get("build")).get("dockerfile")).startsWith("docker/Dockerfile")) {
                apps.put(name, service);
            }
        });
        return apps;
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        map(service.getOrDefault("environment", Map.of())).forEach((k, v) -> environment.put(k,
                v == null ? "" : String.valueOf(v)));
        return environment;
    }

    private static String role(Map<String, String> environment) {
        return environment.getOrDefault(ROLE, "both");
    }

    private static int exposedPort(Path dockerfile) {
        try {
            return Files.readAllLines(dockerfile).stream().filter(l -> l.startsWith("EXPOSE "))
                    .map(l -> Integer.parseInt(l.substring("EXPOSE ".length()).strip())).findFirst()
                    .orElseThrow(() -> new AssertionError(dockerfile + " has no EXPOSE"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Compose durations: 30s, 1m30s, 500ms. */
    private static Duration composeDuration(String value) {
        Matcher m = Pattern.compile("(\\d+)(ms|h|m|s)").matcher(value);
        Duration total = Duration.ZERO;
        while (m.find()) {
            long amount = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
        }
        return total;
    }

    private static Map<String, Object> kustomization() {
        return map(load(K8S.resolve("kustomization.yaml")).getFirst());
    }

    /** Every manifest the kustomization applies. */
    private static List<Map<String, Object>> manifests() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Object resource : list(kustomization().get("resources"))) {
            load(K8S.resolve(String.valueOf(resource))).stream().filter(d -> d != null).map(d -> map(d))
                    .forEach(all::add);
        }
        return all;
    }

    private static List<Map<String, Object>> ofKind(String kind) {
        return manifests().stream().filter(m -> kind.equals(m.get("kind"))).toList();
    }

    private static Map<String, Object> single(String kind) {
        List<Map<String, Object>> found = ofKind(kind);
        assertThat(found).as("one " + kind).hasSize(1);
        return found.getFirst();
    }

    private static Map<String, Object> named(String kind, String name) {
        return ofKind(kind).stream().filter(m -> name.equals(map(m.get("metadata")).get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** The Deployments that run LectureLab, by name. */
    private static Map<String, Map<String, Object>> appDeployments() {
        Map<String, Map<String, Object>> deployments = new LinkedHashMap<>();
        ofKind("Deployment").forEach(d -> deployments.put(String.valueOf(map(d.get("metadata")).get("name")), d));
        assertThat(deployments.keySet()).containsExactlyInAnyOrder("lecturelab-web", "lecturelab-worker");
        return deployments;
    }

    private static Map<String, Object> podSpec(Map<String, Object> deployment) {
        return map(map(map(deployment.get("spec")).get("template")).get("spec"));
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        List<Object> containers = list(podSpec(deployment).get("containers"));
        assertThat(containers).hasSize(1);
        return map(containers.getFirst());
    }

    private static int containerPort(Map<String, Object> deployment, String nameOrNumber) {
        return list(container(deployment).get("ports")).stream().map(p -> map(p))
                .filter(p -> nameOrNumber.equals(String.valueOf(p.get("name")))
                        || nameOrNumber.equals(String.valueOf(p.get("containerPort"))))
                .map(p -> ((Number) p.get("containerPort")).intValue()).findFirst()
                .orElseThrow(() -> new AssertionError("no container port " + nameOrNumber));
    }

    /** A container's environment: its own values, the ConfigMaps' keys it loads, and secret references. */
    private static Map<String, String> kubernetesSources(Map<String, Object> deployment) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Object from : list(container(deployment).getOrDefault("envFrom", List.of()))) {
            String configMap = String.valueOf(map(map(from).get("configMapRef")).get("name"));
            map(named("ConfigMap", configMap).get("data")).forEach((k, v) -> sources.put(k,
                    "configmap:" + configMap + ":" + k + "=" + v));
        }
        for (Object variable : list(container(deployment).getOrDefault("env", List.of()))) {
            Map<String, Object> env = map(variable);
            String name = String.valueOf(env.get("name"));
            if (env.containsKey("valueFrom")) {
                Map<String, Object> ref = map(map(env.get("valueFrom")).get("secretKeyRef"));
                sources.put(name, "secret:" + ref.get("name") + ":" + ref.get("key"));
            } else {
                sources.put(name, "value:" + env.get("value"));
            }
        }
        return sources;
    }

    /** Names with literal values (secrets and ConfigMap entries as an empty value). */
    private static Map<String, String> kubernetesEnvironment(Map<String, Object> deployment) {
        Map<String, String> environment = new LinkedHashMap<>();
        kubernetesSources(deployment).forEach((k, v) -> environment.put(k,
                v.startsWith("value:") ? v.substring("value:".length()) : ""));
        return environment;
    }

    private static List<Object> load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<Object> documents = new ArrayList<>();
            new Yaml().loadAll(in).forEach(documents::add);
            return documents;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
