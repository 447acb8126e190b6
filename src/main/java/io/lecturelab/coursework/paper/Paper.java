package io.lecturelab.coursework.paper;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A paper on a course's list. */
@Entity
@Table(name = "paper")
class Paper {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "course_id", nullable = false)
    long courseId;

    @Column(nullable = false)
    String title;

    @Column(nullable = false)
    String authors = "";

    @Column(nullable = false)
    String venue = "";

    @Column(nullable = false)
    String url = "";

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    // Changes go through methods of the entity: Hibernate's bytecode enhancement tracks dirty fields only for
    // writes made inside the entity class.

    void apply(PaperDraft draft, String link) {
        title = draft.title().strip();
        authors = draft.authors().strip();
        venue = draft.venue().strip();
        url = link;
    }

    PaperSummary summary() {
        return new PaperSummary(id, title, authors, venue, url);
    }
}
