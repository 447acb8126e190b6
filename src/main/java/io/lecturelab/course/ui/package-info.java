/** The main layout, course list, course home page, settings, members and the administrator's course page. */
package io.lecturelab.course.ui;
