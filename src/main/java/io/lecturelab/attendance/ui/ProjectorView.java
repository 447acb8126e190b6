package io.lecturelab.attendance.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.lecturelab.attendance.AttendanceService;
import io.lecturelab.attendance.OpenCode;
import io.lecturelab.attendance.SessionView;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.security.ui.CurrentUser;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The check-in code for the projector: staff choose the session and open a code; it is shown large enough to read
 * across a room, with the time it has left (counted down in the browser) and how many students have checked in
 * (refreshed every few seconds).
 */
@Route(value = CourseRoutes.PREFIX + "/attendance/code", layout = MainLayout.class)
@RequiresCourseRole({CourseRole.TA, CourseRole.INSTRUCTOR})
@CssImport("./styles/attendance.css")
public class ProjectorView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private static final int REFRESH_MS = 5000;
    /** Counts down to the end in the browser: $0 seconds left now, $1 the text with {0} for m:ss, $2 when over. */
    private static final String COUNTDOWN = """
            const el = this; const end = Date.now() + $0 * 1000;
            clearInterval(el._timer);
            const render = () => {
              if (!el.isConnected) { clearInterval(el._timer); return; }
              const s = Math.max(0, Math.ceil((end - Date.now()) / 1000));
              el.textContent = s > 0 ? $1.replace('{0}', Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0'))
                  : $2;
              el.dataset.state = s > 0 ? 'open' : 'over';
              if (s === 0) clearInterval(el._timer);
            };
            render(); el._timer = setInterval(render, 1000);""";

    private final AttendanceService attendance;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final Select<SessionView> session = new Select<>();
    private final Div display = new Div();
    private final Span sessionLine = new Span();
    private final Span code = new Span();
    private final Span timeLeft = new Span();
    private final Span count = new Span();
    private final Paragraph help = new Paragraph();
    private long courseId;
    private Optional<OpenCode> shown = Optional.empty();
    private Registration polling;

    public ProjectorView(AttendanceService attendance, CurrentUser currentUser, Clock clock) {
        this.attendance = attendance;
        this.currentUser = currentUser;
        this.clock = clock;
        addClassName("page");
        addClassName("attendance-page");
        session.setLabel(getTranslation("attendance.session"));
        session.setId("projector-session");
        session.setItemLabelGenerator(s -> AttendanceTexts.session(this, s));
        session.addClassName("att-session-select");
        Button open = new Button(getTranslation("attendance.openNewCode"), click -> open());
        open.setId("open-new-code");
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button end = new Button(getTranslation("attendance.endCode"), click -> end());
        end.setId("end-code");
        Div toolbar = new Div(session, open, end);
        toolbar.addClassName("att-toolbar");

        sessionLine.addClassName("att-projector-session");
        code.setId("check-in-code");
        code.addClassName("att-code");
        timeLeft.setId("code-time-left");
        timeLeft.addClassName("att-time-left");
        count.setId("check-in-count");
        count.addClassName("att-count");
        count.getElement().setAttribute("aria-live", "polite");
        help.addClassName("att-projector-help");
        display.setId("projector");
        display.addClassName("att-projector");
        display.add(sessionLine, code, timeLeft, count, help);
        add(new H2(getTranslation("attendance.projectorHeading")), toolbar, display);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        List<SessionView> sessions = attendance.sessions(courseId, currentUser.require());
        session.setItems(sessions);
        refresh();
        shown.flatMap(c -> sessions.stream().filter(s -> s.id() == c.sessionId()).findFirst())
                .or(() -> Sessions.closestToNow(sessions, clock.instant()))
                .ifPresent(session::setValue);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        ui.setPollInterval(REFRESH_MS);
        polling = ui.addPollListener(poll -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        event.getUI().setPollInterval(-1);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("attendance.projectorHeading");
    }

    private void open() {
        SessionView s = session.getValue();
        if (s == null) {
            Notifications.error(getTranslation("attendance.chooseSession"));
            return;
        }
        try {
            attendance.openCode(courseId, s.id(), currentUser.require());
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
        refresh();
    }

    private void end() {
        shown.ifPresent(c -> {
            try {
                attendance.closeCode(courseId, c.sessionId(), currentUser.require());
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        refresh();
    }

    private void refresh() {
        Optional<OpenCode> now = attendance.currentCode(courseId, currentUser.require());
        boolean same = now.map(OpenCode::code).equals(shown.map(OpenCode::code));
        shown = now;
        if (now.isEmpty()) {
            display.getElement().setAttribute("data-state", "none");
            sessionLine.setText("");
            code.setText(getTranslation("attendance.noCode"));
            code.getElement().removeAttribute("aria-label");
            timeLeft.getElement().executeJs("clearInterval(this._timer)");
            timeLeft.setText("");
            count.setText("");
            help.setText(getTranslation("attendance.noCodeHelp"));
            return;
        }
        OpenCode c = now.get();
        display.getElement().setAttribute("data-state", "open");
        count.setText(getTranslation("attendance.checkedIn", c.checkIns()));
        if (same) {
            return;
        }
        sessionLine.setText(getTranslation("attendance.kind." + c.kind().name()) + " · " + c.sessionTitle());
        code.setText(c.code().substring(0, 3) + " " + c.code().substring(3));
        code.getElement().setAttribute("aria-label", getTranslation("attendance.codeIs",
                String.join(" ", c.code().split(""))));
        timeLeft.getElement().executeJs(COUNTDOWN, c.secondsLeft(), getTranslation("attendance.timeLeft", "{0}"),
                getTranslation("attendance.codeOver"));
        help.setText(getTranslation("attendance.projectorHelp"));
    }
}
