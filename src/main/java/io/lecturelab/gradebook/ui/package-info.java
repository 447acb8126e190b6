/** The gradebook's pages: the staff sheet with its layout editor and import, and a student's own grades. */
package io.lecturelab.gradebook.ui;
