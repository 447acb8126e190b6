/** Courses, their home page settings, and who takes part in them in which role. */
package io.lecturelab.course;
