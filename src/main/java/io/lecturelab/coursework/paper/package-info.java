/** Paper reviews: the course's papers, students' ranked preferences, the capped assignment of papers and review drafts. */
package io.lecturelab.coursework.paper;
