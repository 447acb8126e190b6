package io.lecturelab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.ml.api.MlApi;
import io.lecturelab.security.AdminOnly;
import io.lecturelab.security.SignedIn;
import io.lecturelab.testsupport.AppDatabase;
import io.lecturelab.testsupport.BrowserSession;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every page × every kind of visitor, and every REST endpoint × every kind of caller. Pages are found as Vaadin's
 * router finds them (the {@code @Route} classes of the application), endpoints from the running app's OpenAPI
 * document: a new page or endpoint is in the matrix without anyone adding it here. What each visitor should get
 * follows from what the page declares; the test checks that the running app enforces it.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ItResource.class, restrictToAnnotatedClass = true)
class AccessMatrixIT {

    private static final String PASSWORD = "matrix-password";

    enum Visitor { ANONYMOUS, STUDENT, OTHER_COURSE_STUDENT, TA, INSTRUCTOR, ADMIN }

    enum Outcome { SHOWN, SIGN_IN, REFUSED }

    /**
     * Pages whose outcomes are also written out here, not only derived from their annotations: a change of what such
     * a page declares fails the matrix instead of silently changing what it expects (a student never reaches the
     * staff's gradebook, attendance sheet or code; grades and attendance records are for the course's own students).
     */
    private static final Map<Visitor, Outcome> STAFF_ONLY = Map.of(Visitor.ANONYMOUS, Outcome.SIGN_IN,
            Visitor.STUDENT, Outcome.REFUSED, Visitor.OTHER_COURSE_STUDENT, Outcome.REFUSED, Visitor.TA, Outcome.SHOWN,
            Visitor.INSTRUCTOR, Outcome.SHOWN, Visitor.ADMIN, Outcome.SHOWN);
    private static final Map<Visitor, Outcome> FOR_OWN_STUDENTS = Map.of(Visitor.ANONYMOUS, Outcome.SIGN_IN,
            Visitor.STUDENT, Outcome.SHOWN, Visitor.OTHER_COURSE_STUDENT, Outcome.REFUSED);
    private static final Map<String, Map<Visitor, Outcome>> STATED = Map.of(
            "courses/:courseId([0-9]{1,18})/gradebook", STAFF_ONLY,
            "courses/:courseId([0-9]{1,18})/gradebook/final", STAFF_ONLY,
            "courses/:courseId([0-9]{1,18})/grades", FOR_OWN_STUDENTS,
            "courses/:courseId([0-9]{1,18})/attendance", STAFF_ONLY,
            "courses/:courseId([0-9]{1,18})/attendance/code", STAFF_ONLY,
            "courses/:courseId([0-9]{1,18})/attendance/me", FOR_OWN_STUDENTS);

    @TestHTTPResource("/")
    URL root;

    @Test
    void every_page_answers_every_kind_of_visitor_as_it_declares() {
        AppDatabase db = new AppDatabase(PostgresResource.jdbcUrl());
        String unique = UUID.randomUUID().toString().substring(0, 6);
        long course = db.course("matrix-" + unique, "Matrix");
        long otherCourse = db.course("matrix-other-" + unique, "Elsewhere");
        long lecture = Long.parseLong(db.text("insert into lecture (course_id, position, week, title, body,"
                + " published) values (?, 1, 1, 'Matrix lecture', 'Body', true) returning id", course));
        long assignment = Long.parseLong(db.text("insert into assignment (course_id, kind, title, points, due_at,"
                + " published) values (?, 'HOMEWORK', 'Matrix homework', 10, now() + interval '7 days', true)"
                + " returning id", course));
        Map<Visitor, String> users = Map.of(
                Visitor.STUDENT, db.newStudent(course, "Student", PASSWORD),
                Visitor.OTHER_COURSE_STUDENT, db.newStudent(otherCourse, "Other", PASSWORD),
                Visitor.TA, staff(db, course, "TA"),
                Visitor.INSTRUCTOR, staff(db, course, "INSTRUCTOR"),
                Visitor.ADMIN, "admin");

        List<JavaClass> views = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lecturelab").stream().filter(c -> c.isAnnotatedWith(Route.class)).toList();
        assertThat(views).hasSizeGreaterThanOrEqualTo(11);
        assertThat(views).extracting(v -> String.valueOf(v.getAnnotationOfType(Route.class.getName()).get("value")
                .orElseThrow())).as("every page stated here exists").containsAll(STATED.keySet());

        List<String> mismatches = new ArrayList<>();
        List<String> accessibility = new ArrayList<>();
        int statedSeen = 0;
        Set<String> checkedOnce = new HashSet<>();
        int cells = 0;
        for (Visitor visitor : Visitor.values()) {
            try (BrowserSession browser = new BrowserSession(root.toString(), "en-US")) {
                if (visitor != Visitor.ANONYMOUS) {
                    browser.signIn(users.get(visitor), visitor == Visitor.ADMIN ? ItResource.ADMIN_PASSWORD
                            : PASSWORD);
                }
                for (JavaClass view : views) {
                    String template = String.valueOf(view.getAnnotationOfType(Route.class.getName()).get("value")
                            .orElseThrow());
                    String path = template.replaceAll(":courseId\\([^)]*\\)", Long.toString(course))
                            .replaceAll(":lectureId\\([^)]*\\)", Long.toString(lecture))
                            .replaceAll(":assignmentId\\([^)]*\\)", Long.toString(assignment));
                    assertThat(path).as("every route parameter is filled in").doesNotContain(":");
                    Outcome expected = expected(view, visitor);
                    Outcome stated = STATED.getOrDefault(template, Map.of()).get(visitor);
                    if (stated != null) {
                        statedSeen++;
                    }
                    if (stated != null && stated != expected) {
                        mismatches.add(visitor + " /" + path + ": stated " + stated + ", but the page declares "
                                + expected);
                    }
                    Outcome got = visit(browser, path);
                    cells++;
                    if (got != expected) {
                        mismatches.add(visitor + " /" + path + ": expected " + expected + ", got " + got);
                    }
                    // LayoutIT checks every page a student, an instructor and the administrator see, in both
                    // languages and at two widths; here the rest: what a TA sees, and each kind of answer that is
                    // not a page (the sign-in page, the refusal) once per visitor
                    if (visitor == Visitor.TA && got == Outcome.SHOWN || got != Outcome.SHOWN && checkedOnce.add(
                            visitor + " " + got)) {
                        browser.accessibilityProblems().forEach(problem -> accessibility.add(
                                visitor + " /" + path + ": " + problem));
                    }
                }
            }
        }
        System.out.printf("[access matrix] %d pages x %d visitors = %d cells%n", views.size(),
                Visitor.values().length, cells);
        assertThat(statedSeen).as("every stated cell was visited").isEqualTo(STATED.values().stream()
                .mapToInt(Map::size).sum());
        assertThat(mismatches).isEmpty();
        assertThat(accessibility).as("axe-core: serious or critical WCAG 2.1 AA problems").isEmpty();
    }

    @Test
    void a_student_reads_only_their_own_grades() {
        AppDatabase db = new AppDatabase(PostgresResource.jdbcUrl());
        String unique = UUID.randomUUID().toString().substring(0, 6);
        long course = db.course("matrix-grades-" + unique, "Grades");
        String mine = db.newStudent(course, "Own Student", PASSWORD);
        String theirs = db.newStudent(course, "Other Student", PASSWORD);
        db.text("insert into gradebook (course_id, created_at) values (?, now()) returning course_id", course);
        long category = Long.parseLong(db.text("insert into gradebook_category (course_id, name, weight, position)"
                + " values (?, 'Exams', 100, 1) returning id", course));
        long item = Long.parseLong(db.text("insert into gradebook_item (course_id, category_id, title, source,"
                + " max_points, weight, position) values (?, ?, 'Midterm', 'ENTERED', 100, 1, 1) returning id",
                course, category));
        for (String[] score : new String[][] {{mine, "61.25"}, {theirs, "93.75"}}) {
            db.text("insert into gradebook_score (item_id, user_id, points, updated_at) select ?, id, ?::numeric,"
                    + " now() from app_user where username = ? returning id", item, score[1], score[0]);
        }
        try (BrowserSession browser = new BrowserSession(root.toString(), "en-US")) {
            browser.signIn(mine, PASSWORD).open("courses/" + course + "/grades");
            assertThat(browser.page.locator("#grades-total").innerText()).contains("61.25%");
            String page = browser.page.locator("body").innerText();
            assertThat(page).doesNotContain("93.75").doesNotContain("Other Student");
            browser.open("courses/" + course + "/gradebook");
            assertThat(browser.page.locator(".access-denied-reason").count()).isEqualTo(1);
        }
    }

    @Test
    void every_rest_endpoint_refuses_callers_without_the_service_token_whoever_they_are() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode openapi = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                URI.create(root + "q/openapi?format=json")).build(), HttpResponse.BodyHandlers.ofString()).body());
        List<String[]> endpoints = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(operation -> {
                JsonNode content = operation.getValue().path("requestBody").path("content");
                String type = content.isObject() && content.size() > 0 ? content.fieldNames().next()
                        : "application/json";
                endpoints.add(new String[] {operation.getKey().toUpperCase(),
                        path.getKey().replace("{id}", "1") + "?ownerId=1", type});
            });
        }
        assertThat(endpoints).extracting(e -> e[1]).anyMatch(p -> p.startsWith("/api/ml/jobs"));

        // a signed-in administrator's browser cookies do not open the API either: only the token does
        String adminCookies;
        try (BrowserSession admin = new BrowserSession(root.toString(), "en-US")) {
            admin.signIn("admin", ItResource.ADMIN_PASSWORD);
            adminCookies = admin.cookies().stream().map(c -> c.name + "=" + c.value)
                    .collect(Collectors.joining("; "));
        }
        int cells = 0;
        List<String> mismatches = new ArrayList<>();
        for (String[] endpoint : endpoints) {
            for (String caller : List.of("anonymous", "wrong token", "administrator's cookies")) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + endpoint[1].substring(1)))
                        .header("Content-Type", endpoint[2])
                        .method(endpoint[0], endpoint[0].equals("GET") ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}"));
                if (caller.equals("wrong token")) {
                    request.header(MlApi.TOKEN_HEADER, "not-the-token");
                } else if (caller.startsWith("administrator")) {
                    request.header("Cookie", adminCookies);
                }
                HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                cells++;
                if (answer.statusCode() != 401 || !answer.body().contains("ml.error.serviceToken")) {
                    mismatches.add(caller + " " + Arrays.toString(endpoint) + ": " + answer.statusCode());
                }
            }
        }
        System.out.printf("[access matrix] %d endpoints x 3 callers = %d cells%n", endpoints.size(), cells);
        assertThat(mismatches).isEmpty();
    }

    private static String staff(AppDatabase db, long course, String role) {
        String username = role.toLowerCase() + UUID.randomUUID().toString().substring(0, 8);
        db.member(course, db.user(username, role, PASSWORD), role);
        return username;
    }

    /** What a visitor should get, from what the page declares. */
    private static Outcome expected(JavaClass view, Visitor visitor) {
        if (view.isAnnotatedWith(AnonymousAllowed.class)) {
            return Outcome.SHOWN;
        }
        if (visitor == Visitor.ANONYMOUS) {
            return Outcome.SIGN_IN;
        }
        if (view.isAnnotatedWith(SignedIn.class)) {
            return Outcome.SHOWN;
        }
        if (view.isAnnotatedWith(AdminOnly.class)) {
            return visitor == Visitor.ADMIN ? Outcome.SHOWN : Outcome.REFUSED;
        }
        RequiresCourseRole required = view.reflect().getAnnotation(RequiresCourseRole.class);
        if (required != null) {
            CourseRole role = switch (visitor) {
                case STUDENT -> CourseRole.STUDENT;
                case TA -> CourseRole.TA;
                case INSTRUCTOR -> CourseRole.INSTRUCTOR;
                default -> null;
            };
            return visitor == Visitor.ADMIN || Arrays.asList(required.value()).contains(role) ? Outcome.SHOWN
                    : Outcome.REFUSED;
        }
        throw new AssertionError(view.getName() + " declares nobody"); // the architecture test forbids this
    }

    private static Outcome visit(BrowserSession browser, String path) {
        browser.open(path);
        if (!path.equals("login") && browser.page.locator("vaadin-login-form").count() > 0) {
            return Outcome.SIGN_IN;
        }
        return browser.page.locator(".access-denied-reason").count() > 0 ? Outcome.REFUSED : Outcome.SHOWN;
    }
}
