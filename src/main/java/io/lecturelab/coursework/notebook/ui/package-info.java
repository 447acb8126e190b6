/** The notebook as it is shown in the page: header, warnings and the typeset cells. */
package io.lecturelab.coursework.notebook.ui;
