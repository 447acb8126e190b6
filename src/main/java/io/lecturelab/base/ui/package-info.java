/** The application shell and UI pieces every feature uses. */
package io.lecturelab.base.ui;
