/** Final letter grades: a course's letter scale and relative-grading quotas, the histogram of totals, exports. */
package io.lecturelab.gradebook.letters;
