package io.lecturelab.attendance;

import java.util.Map;

/** One student on the sheet: their marks by session id (no entry: not marked) and their points so far. */
public record SheetRow(long userId, String number, String name, Map<Long, Cell> cells, AttendanceGrades.Score score) {
}
