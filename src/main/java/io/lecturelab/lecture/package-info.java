/** Lectures of a course: schedule, Markdown text with math, attachments and who studied what. */
package io.lecturelab.lecture;
