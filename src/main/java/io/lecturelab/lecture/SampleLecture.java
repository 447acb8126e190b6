package io.lecturelab.lecture;

import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.course.CourseService;
import io.lecturelab.security.SignedInUser;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Gives the sample course "Deep Learning" its first lecture, "Introduction", from the course's own text. Runs after
 * the course feature's first-start work has created the course, and only while the course has no lectures.
 */
@ApplicationScoped
class SampleLecture {

    static final String SAMPLE_COURSE = "deep-learning";
    static final String RESOURCE = "/sample-course/lecture-01-introduction.md";
    private static final Logger LOG = Logger.getLogger(SampleLecture.class);

    private final LectureLabConfig config;
    private final CourseService courses;
    private final LectureService lectures;

    SampleLecture(LectureLabConfig config, CourseService courses, LectureService lectures) {
        this.config = config;
        this.courses = courses;
        this.lectures = lectures;
    }

    @Transactional
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        if (!config.sampleCourse()) {
            return;
        }
        courses.findIdBySlug(SAMPLE_COURSE).filter(id -> !lectures.hasLectures(id)).ifPresent(id -> {
            // 2022-03-07 is the Monday recording, the live class is on Tuesday 12:00 course time.
            lectures.createPublished(id, new LectureDraft(1, LocalDate.of(2022, 3, 7), "1. Introduction",
                    read(RESOURCE), "", LocalDateTime.of(2022, 3, 8, 12, 0),
                    courses.settings(id, SignedInUser.system()).liveClassUrl(), 0));
            LOG.infof("Sample lecture added to course '%s'", SAMPLE_COURSE);
        });
    }

    static String read(String resource) {
        try (InputStream in = SampleLecture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing sample lecture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
