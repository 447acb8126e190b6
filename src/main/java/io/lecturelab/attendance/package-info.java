/** Attendance: class sessions from the schedule, marks per student, check-in codes and the rule that grades them. */
package io.lecturelab.attendance;
