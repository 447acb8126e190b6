package io.lecturelab;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.security.AdminOnly;
import io.lecturelab.security.SignedIn;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.persistence.Entity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Keeps the layout of the code true: features by package, views apart from persistence, DJL in one place. */
@AnalyzeClasses(packages = "io.lecturelab", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule features_do_not_depend_on_each_other_in_cycles =
            slices().matching("io.lecturelab.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule the_shared_base_depends_on_no_feature =
            noClasses().that().resideInAPackage("io.lecturelab.base..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "io.lecturelab.security..", "io.lecturelab.course..", "io.lecturelab.account..",
                            "io.lecturelab.lecture..", "io.lecturelab.ml..", "io.lecturelab.demo..");

    @ArchTest
    static final ArchRule views_never_touch_repositories_or_the_entity_manager =
            noClasses().that().resideInAPackage("..ui..")
                    .should().dependOnClassesThat().areAssignableTo(PanacheRepository.class)
                    .orShould().dependOnClassesThat().resideInAPackage("jakarta.persistence..")
                    .orShould().dependOnClassesThat().resideInAPackage("org.hibernate..");

    @ArchTest
    static final ArchRule views_do_not_hold_entities =
            noClasses().that().resideInAPackage("..ui..")
                    .should().dependOnClassesThat().areAnnotatedWith(Entity.class);

    @ArchTest
    static final ArchRule repositories_are_used_only_inside_their_feature_services =
            noClasses().that().resideInAPackage("..ui..")
                    .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository");

    @ArchTest
    static final ArchRule only_the_djl_package_uses_djl =
            noClasses().that().resideOutsideOfPackage("io.lecturelab.ml.djl..")
                    .should().dependOnClassesThat().resideInAPackage("ai.djl..");

    @ArchTest
    static final ArchRule the_classifier_api_depends_on_no_implementation =
            noClasses().that().resideInAPackage("io.lecturelab.ml")
                    .should().dependOnClassesThat().resideInAnyPackage("io.lecturelab.ml.data..",
                            "io.lecturelab.ml.djl..", "io.lecturelab.ml.queue..", "io.lecturelab.ml.api..",
                            "io.lecturelab.ml.remote..");

    @ArchTest
    static final ArchRule the_engine_knows_nothing_of_the_queue_or_the_rest_boundary =
            noClasses().that().resideInAPackage("io.lecturelab.ml.djl..")
                    .should().dependOnClassesThat().resideInAnyPackage("io.lecturelab.ml.queue..",
                            "io.lecturelab.ml.api..", "io.lecturelab.ml.remote..");

    @ArchTest
    static final ArchRule the_queue_reaches_the_engine_only_through_the_classifier_api =
            noClasses().that().resideInAPackage("io.lecturelab.ml.queue..")
                    .should().dependOnClassesThat().resideInAnyPackage("io.lecturelab.ml.djl..",
                            "io.lecturelab.ml.api..", "io.lecturelab.ml.remote..", "jakarta.ws.rs..");

    @ArchTest
    static final ArchRule only_the_remote_package_uses_the_rest_client =
            noClasses().that().resideOutsideOfPackage("io.lecturelab.ml.remote..")
                    .should().dependOnClassesThat().resideInAnyPackage("io.quarkus.rest.client..",
                            "org.eclipse.microprofile.rest.client..", "jakarta.ws.rs.client..");

    @ArchTest
    static final ArchRule the_data_layer_does_not_depend_on_the_engine =
            noClasses().that().resideInAPackage("io.lecturelab.ml.data..")
                    .should().dependOnClassesThat().resideInAPackage("io.lecturelab.ml.djl..");

    @ArchTest
    static final ArchRule services_and_views_do_not_read_the_system_clock =
            noClasses().should().callMethod(java.time.Instant.class, "now")
                    .orShould().callMethod(java.time.LocalDateTime.class, "now")
                    .orShould().callMethod(java.time.LocalDate.class, "now")
                    .as("time comes from the injected Clock");

    @ArchTest
    static final ArchRule every_route_declares_who_may_open_it =
            classes().that().areAnnotatedWith(Route.class)
                    .should().beAnnotatedWith(AnonymousAllowed.class)
                    .orShould().beAnnotatedWith(SignedIn.class)
                    .orShould().beAnnotatedWith(AdminOnly.class)
                    .orShould().beAnnotatedWith(RequiresCourseRole.class)
                    .as("every @Route declares who may open it: @AnonymousAllowed, @SignedIn, @AdminOnly or"
                            + " @RequiresCourseRole");

    @ArchTest
    static final ArchRule every_route_under_a_course_is_course_scoped =
            classes().that().areAnnotatedWith(Route.class).should(new ArchCondition<JavaClass>(
                    "be annotated with @RequiresCourseRole when its route is under courses/") {
                @Override
                public void check(JavaClass view, ConditionEvents events) {
                    String route = String.valueOf(view.getAnnotationOfType(Route.class.getName()).get("value")
                            .orElse(""));
                    if ((route.equals("courses") || route.startsWith("courses/")) && !view.isAnnotatedWith(RequiresCourseRole.class)) {
                        events.add(SimpleConditionEvent.violated(view, view.getName() + " has route " + route
                                + " but no @RequiresCourseRole"));
                    }
                }
            });

    @ArchTest
    static final ArchRule vaadin_stays_in_ui_packages =
            classes().that().resideOutsideOfPackages("..ui..", "io.lecturelab.base.i18n..")
                    .should().onlyDependOnClassesThat().resideOutsideOfPackage("com.vaadin..");

}
