/** The classifier lab's views and browser components. */
package io.lecturelab.lab.ui;
