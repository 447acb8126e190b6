/** The attendance pages: the staff's sheet, the projector's check-in code and each student's own record. */
package io.lecturelab.attendance.ui;
