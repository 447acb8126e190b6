/** The announcements page, the course home's announcements and the form staff write them in. */
package io.lecturelab.announcement.ui;
