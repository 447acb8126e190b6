/** The lecture schedule, the lecture page with typeset math, the editor with live preview and the study report. */
package io.lecturelab.lecture.ui;
