package io.lecturelab.course;

import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.SystemRole;
import io.lecturelab.security.UserRepository;
import io.lecturelab.security.UserService;
import io.lecturelab.security.UserService.NewAccount;
import io.lecturelab.security.UserService.NewUser;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * On the first start: the first administrator (password from configuration, or generated and printed once) and the
 * sample course "Deep Learning" built from the course's own first lecture, with the administrator as instructor.
 */
@ApplicationScoped
class FirstStart {

    static final String SAMPLE_SLUG = "deep-learning";
    private static final Logger LOG = Logger.getLogger(FirstStart.class);

    private final LectureLabConfig config;
    private final UserRepository users;
    private final UserService userService;
    private final CourseRepository courses;
    private final CourseService courseService;

    FirstStart(LectureLabConfig config, UserRepository users, UserService userService, CourseRepository courses,
               CourseService courseService) {
        this.config = config;
        this.users = users;
        this.userService = userService;
        this.courses = courses;
        this.courseService = courseService;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        if (!users.anyAdmin()) {
            createAdministrator();
        }
        if (config.sampleCourse() && courses.count() == 0) {
            createSampleCourse();
        }
    }

    private void createAdministrator() {
        Optional<String> configured = config.admin().password();
        NewAccount admin = userService.create(new NewUser(config.admin().username(), "Administrator", null, null,
                SystemRole.ADMIN), configured);
        if (configured.isEmpty()) {
            // Printed once, on the console only; the administrator must change it at first sign-in.
            String banner = "=".repeat(72);
            LOG.infof("%n%s%nFirst administrator created.%n  user name: %s%n  password:  %s%n"
                            + "Sign in at /login and choose a new password. This is shown only once.%n%s",
                    banner, admin.username(), admin.password(), banner);
        } else if (LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.infof("First administrator '%s' created with the configured password", admin.username());
        }
    }

    private void createSampleCourse() {
        long courseId = courseService.create(SAMPLE_SLUG, "Deep Learning", "2022 Spring",
                SignedInUser.system());
        Course course = courseService.course(courseId);
        course.apply(new CourseSettings("Deep Learning", "2022 Spring", "Asia/Seoul", "Kyungwoo Song",
                "kyungwoo.song@uos.ac.kr", "02-6490-2474",
                "비어 있는 시간은 모두 가능합니다. 수업, 진로 등 도움이 필요한 학생은, 비어 있는 시간 중 편한 시간을 "
                        + "메일로 연락 부탁드립니다. https://mlai.uos.ac.kr/contact",
                "Mon 13:00–15:00", "Tue 12:00–13:00 (Zoom)", "",
                Optional.of(GradingPolicy.SAMPLE), Optional.of(TeamRules.SAMPLE), resource("overview.md"),
                resource("resources.md"), 0));
        users.findByUsername(config.admin().username())
                .ifPresent(admin -> courseService.enrol(course, admin, CourseRole.INSTRUCTOR));
        LOG.infof("Sample course '%s' created", SAMPLE_SLUG);
    }

    static String resource(String name) {
        try (InputStream in = FirstStart.class.getResourceAsStream("/sample-course/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing sample course resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
