/** The final grades page: letter scale and quotas, the histogram of totals, the students' letters, downloads. */
package io.lecturelab.gradebook.letters.ui;
