package io.lecturelab.attendance.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.lecturelab.attendance.AttendanceService;
import io.lecturelab.attendance.CheckInResult;
import io.lecturelab.attendance.StudentRecord;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.security.ui.CurrentUser;

/**
 * A student's attendance: a field for the check-in code shown in class, the rule that turns marks into points, and
 * their own record, session by session, with the points each gives. Only the signed-in student's record is read.
 */
@Route(value = CourseRoutes.PREFIX + "/attendance/me", layout = MainLayout.class)
@RequiresCourseRole(CourseRole.STUDENT)
@CssImport("./styles/attendance.css")
public class MyAttendanceView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final AttendanceService attendance;
    private final CurrentUser currentUser;
    private final TextField code = new TextField();
    private final Div outcome = new Div();
    private final Paragraph rule = new Paragraph();
    private final Paragraph codeRule = new Paragraph();
    private final Paragraph total = new Paragraph();
    private final Div lines = new Div();
    private long courseId;

    public MyAttendanceView(AttendanceService attendance, CurrentUser currentUser) {
        this.attendance = attendance;
        this.currentUser = currentUser;
        addClassName("page");
        addClassName("attendance-page");
        code.setLabel(getTranslation("attendance.codeField"));
        code.setHelperText(getTranslation("attendance.codeFieldHelp"));
        code.setId("check-in-field");
        code.setMaxLength(12);
        code.getElement().setAttribute("autocomplete", "off");
        code.getElement().setAttribute("autocapitalize", "characters");
        code.getElement().setAttribute("spellcheck", "false");
        code.addClassName("att-code-field");
        Button checkIn = new Button(getTranslation("attendance.checkIn"), click -> checkIn());
        checkIn.setId("check-in");
        checkIn.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        checkIn.addClickShortcut(Key.ENTER).listenOn(code);
        outcome.setId("check-in-outcome");
        outcome.getElement().setAttribute("role", "status");
        outcome.getElement().setAttribute("aria-live", "polite");
        outcome.addClassName("att-outcome");
        Div form = new Div(code, checkIn);
        form.addClassName("att-form");
        rule.setId("attendance-rule");
        total.setId("my-total");
        total.addClassName("att-total");
        lines.setId("my-attendance");
        lines.addClassName("att-record");
        add(new H2(getTranslation("attendance.heading")), new H3(getTranslation("attendance.checkInHeading")), form,
                outcome, new H3(getTranslation("attendance.recordHeading")), rule, codeRule, total, lines);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        load();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("attendance.heading");
    }

    private void checkIn() {
        outcome.removeAll();
        try {
            CheckInResult result = attendance.checkIn(courseId, code.getValue(), currentUser.require());
            Span text = new Span(result.changed()
                    ? getTranslation("attendance.checkedInAs", result.sessionTitle(),
                    AttendanceTexts.status(this, result.status()))
                    : getTranslation("attendance.checkedInKept", result.sessionTitle(),
                    AttendanceTexts.status(this, result.status())));
            outcome.add(text);
            outcome.getElement().setAttribute("data-result", "accepted");
            code.clear();
            load();
        } catch (UserFacingException refusal) {
            outcome.add(new Span(Notifications.describe(refusal)));
            outcome.getElement().setAttribute("data-result", "refused");
        }
    }

    private void load() {
        lines.removeAll();
        StudentRecord record;
        try {
            record = attendance.myRecord(courseId, currentUser.require());
        } catch (UserFacingException refusal) {
            // an administrator who is not a student of the course has no record
            rule.setText(Notifications.describe(refusal));
            return;
        }
        rule.setText(AttendanceTexts.rule(this, record.rule()));
        codeRule.setText(AttendanceTexts.codeRule(this, record.rule()));
        total.setText(getTranslation("attendance.myTotal", AttendanceTexts.score(this, record.score())));
        if (record.lines().isEmpty()) {
            lines.add(new Paragraph(getTranslation("attendance.noSessions")));
        }
        for (StudentRecord.Line line : record.lines()) {
            Span when = new Span(AttendanceTexts.time(this, line.session().startsAt()));
            when.addClassName("att-when");
            Span what = new Span(AttendanceTexts.kind(this, line.session()) + " · " + line.session().title());
            what.addClassName("att-what");
            Span status = new Span(line.status().map(s -> AttendanceTexts.status(this, s))
                    .orElseGet(() -> getTranslation("attendance.notMarked")));
            status.addClassName("att-status");
            line.status().ifPresent(s -> status.getElement().setAttribute("data-status", s.name()));
            Span points = new Span(explain(line));
            points.addClassName("att-line-points");
            Div row = new Div(when, what, status, points);
            row.addClassName("att-line");
            row.getElement().setAttribute("data-session", Long.toString(line.session().id()));
            lines.add(row);
        }
    }

    /** How this session turns into points: "1 point", or why it does not count. */
    private String explain(StudentRecord.Line line) {
        if (line.points().isPresent()) {
            return getTranslation("attendance.linePoints", AttendanceTexts.points(line.points().get()));
        }
        if (line.session().cancelled()) {
            return getTranslation("attendance.why.cancelled");
        }
        if (!line.session().happened()) {
            return getTranslation("attendance.why.future");
        }
        if (!line.session().taken()) {
            return getTranslation("attendance.why.notTaken");
        }
        return getTranslation("attendance.why.excused");
    }
}
