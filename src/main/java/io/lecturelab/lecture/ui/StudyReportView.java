package io.lecturelab.lecture.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.lecture.LectureService;
import io.lecturelab.lecture.LectureSummary;
import io.lecturelab.lecture.StudyReport;
import io.lecturelab.security.ui.CurrentUser;

/** Course staff see which student marked which lecture as studied. */
@Route(value = LectureRoutes.LECTURES + "/progress", layout = MainLayout.class)
@RequiresCourseRole({CourseRole.TA, CourseRole.INSTRUCTOR})
public class StudyReportView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LectureService lectures;
    private final CurrentUser currentUser;

    public StudyReportView(LectureService lectures, CurrentUser currentUser) {
        this.lectures = lectures;
        this.currentUser = currentUser;
        addClassName("page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        StudyReport report = lectures.studyReport(courseId, currentUser.require());
        removeAll();
        add(new H2(getTranslation("lecture.report")));
        if (report.students().isEmpty()) {
            add(new Paragraph(getTranslation("lecture.reportEmpty")));
            return;
        }
        NativeTableRow head = new NativeTableRow(new NativeTableHeaderCell(getTranslation("member.name")),
                new NativeTableHeaderCell(getTranslation("member.username")));
        for (LectureSummary lecture : report.lectures()) {
            head.add(new NativeTableHeaderCell(getTranslation("lecture.weekTitle", lecture.week(), lecture.title())));
        }
        head.add(new NativeTableHeaderCell(getTranslation("lecture.reportTotal")));
        NativeTableBody rows = new NativeTableBody();
        for (StudyReport.Row student : report.students()) {
            NativeTableRow row = new NativeTableRow(new NativeTableCell(student.name()),
                    new NativeTableCell(student.username()));
            long count = 0;
            for (LectureSummary lecture : report.lectures()) {
                boolean studied = student.studied().contains(lecture.id());
                NativeTableCell cell = new NativeTableCell(studied ? "✓" : "");
                cell.addClassName("studied");
                row.add(cell);
                count += studied ? 1 : 0;
            }
            row.add(new NativeTableCell(Long.toString(count)));
            rows.add(row);
        }
        NativeTable table = new NativeTable(new NativeTableHeader(head), rows);
        table.addClassName("study-report");
        table.setId("study-report");
        Div box = new Div(table);
        box.addClassName("markdown");
        box.getStyle().set("overflow-x", "auto");
        box.setWidthFull();
        add(box);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("lecture.report");
    }
}
