/** Pages of the paper review: papers, preferences and their assignment; the review editor. */
package io.lecturelab.coursework.paper.ui;
