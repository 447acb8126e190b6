package io.lecturelab.attendance;

import java.time.ZoneId;
import java.util.List;

/** The staff's sheet: sessions in time order, students by number, the rule in force. */
public record AttendanceSheet(ZoneId zone, AttendanceRule rule, List<SessionView> sessions, List<SheetRow> rows,
                              boolean instructor) {
}
