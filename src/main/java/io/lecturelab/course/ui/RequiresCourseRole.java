package io.lecturelab.course.ui;

import io.lecturelab.course.CourseRole;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A view under {@code courses/:courseId} that only members of that course with one of these roles may open
 * (administrators may open every course's views).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RequiresCourseRole {
    CourseRole[] value() default {CourseRole.STUDENT, CourseRole.TA, CourseRole.INSTRUCTOR};
}
