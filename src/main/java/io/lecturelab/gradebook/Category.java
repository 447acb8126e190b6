package io.lecturelab.gradebook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** A share of the final grade, in percent of the total. */
@Entity
@Table(name = "gradebook_category")
class Category {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "course_id", nullable = false, updatable = false)
    long courseId;

    @Column(nullable = false)
    String name;

    @Column(nullable = false, precision = 5, scale = 2)
    BigDecimal weight;

    @Column(nullable = false)
    int position;

    static Category of(long courseId, String name, BigDecimal weight, int position) {
        Category c = new Category();
        c.courseId = courseId;
        c.change(name, weight, position);
        return c;
    }

    void change(String newName, BigDecimal newWeight, int newPosition) {
        name = newName;
        weight = newWeight;
        position = newPosition;
    }
}
