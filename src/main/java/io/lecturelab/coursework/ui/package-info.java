/** Pages of coursework: the assignments list, an assignment with its hand-in, and staff's grading grid. */
package io.lecturelab.coursework.ui;
