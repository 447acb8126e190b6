/**
 * Coursework: assignments and their deadlines, submissions kept as numbered versions with their files, grades with
 * feedback, regrade requests; teams ({@code team}), paper reviews ({@code paper}) and notebooks ({@code notebook}).
 */
package io.lecturelab.coursework;
