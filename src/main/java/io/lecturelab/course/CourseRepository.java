package io.lecturelab.course;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

@ApplicationScoped
class CourseRepository implements PanacheRepository<Course> {

    Optional<Course> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }
}
