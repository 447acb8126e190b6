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
import com.vaadin.flow.component.html.Span;
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
        addClassName("study-report-page");
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
        // Readable with 15 lectures and 200 students: the names stay at the left and the lecture titles at the
        // top while the table scrolls inside its own box; titles run upwards and are cut with "…" (full on hover).
        NativeTableHeaderCell nameHead = new NativeTableHeaderCell(getTranslation("member.name"));
        nameHead.addClassName("student");
        nameHead.getElement().setAttribute("scope", "col");
        NativeTableRow head = new NativeTableRow(nameHead);
        for (LectureSummary lecture : report.lectures()) {
            String full = getTranslation("lecture.weekTitle", lecture.week(), lecture.title());
            Span text = new Span(full);
            text.addClassName("lecture-head");
            NativeTableHeaderCell cell = new NativeTableHeaderCell(text);
            cell.getElement().setAttribute("title", full);
            cell.getElement().setAttribute("scope", "col");
            cell.addClassName("lecture");
            head.add(cell);
        }
        NativeTableHeaderCell totalHead = new NativeTableHeaderCell(getTranslation("lecture.reportTotal"));
        totalHead.addClassName("total");
        totalHead.getElement().setAttribute("scope", "col");
        head.add(totalHead);
        NativeTableBody rows = new NativeTableBody();
        for (StudyReport.Row student : report.students()) {
            Span username = new Span(student.username());
            username.addClassName("username");
            NativeTableHeaderCell name = new NativeTableHeaderCell(new Span(student.name()), username);
            name.addClassName("student");
            name.getElement().setAttribute("scope", "row");
            NativeTableRow row = new NativeTableRow(name);
            long count = 0;
            for (LectureSummary lecture : report.lectures()) {
                boolean studied = student.studied().contains(lecture.id());
                NativeTableCell cell = new NativeTableCell(studied ? "✓" : "");
                cell.addClassName("studied");
                row.add(cell);
                count += studied ? 1 : 0;
            }
            NativeTableCell total = new NativeTableCell(Long.toString(count));
            total.addClassName("total");
            row.add(total);
            rows.add(row);
        }
        NativeTable table = new NativeTable(new NativeTableHeader(head), rows);
        table.addClassName("study-report");
        table.setId("study-report");
        Div box = new Div(table);
        box.addClassName("table-scroll");
        box.addClassName("study-report-box");
        // a box that scrolls must be reachable from the keyboard (WCAG 2.1.1) and say what it holds
        box.getElement().setAttribute("tabindex", "0");
        box.getElement().setAttribute("role", "region");
        box.getElement().setAttribute("aria-label", getTranslation("lecture.report"));
        add(box);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("lecture.report");
    }
}
