/**
 * Jupyter notebooks (.ipynb) turned into safe HTML, so graders read a student's notebook in the page: Markdown with
 * math, code with execution counts, and outputs, where nothing the notebook carries can run in the grader's browser.
 */
package io.lecturelab.coursework.notebook;
