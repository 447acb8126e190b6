/**
 * Project teams of a course: the formation window, teams with join codes, the "looking for a team" board, staff's
 * lock, moves and placement of those left over, each team's three-part proposal and the presentation slots. Caps,
 * one team per student and one slot per team hold in the database, so any number of servers may share it.
 */
package io.lecturelab.coursework.team;
