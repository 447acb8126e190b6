package io.lecturelab.gradebook;

import java.util.List;
import java.util.Map;

/** The whole gradebook for staff: the layout, and one row per student with every cell and the standing. */
public record GradebookSheet(GradebookLayout layout, List<Row> rows) {

    /** {@code number} is the student number (the user name when there is none). */
    public record Row(long userId, String number, String name, Map<Long, Cell> cells, Standing standing) {
    }

    /**
     * One cell: its mark, the version to send back with a change (0: nothing stored yet), and whether its points come
     * from a coursework grade or from attendance (then only "excused" can be set here).
     */
    public record Cell(Mark mark, int version, boolean fromCoursework, boolean fromAttendance) {

        /** Points are read from elsewhere; here only "excused" can be set. */
        public boolean readOnlyPoints() {
            return fromCoursework || fromAttendance;
        }
    }
}
