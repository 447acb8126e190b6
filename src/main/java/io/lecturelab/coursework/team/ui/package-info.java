/** The teams page, the proposal editor, the presentation schedule and the presenter's projector view. */
package io.lecturelab.coursework.team.ui;
