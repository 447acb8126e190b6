/** Gradebook: weighted categories and items, scores with their history, students' totals and CSV import. */
package io.lecturelab.gradebook;
