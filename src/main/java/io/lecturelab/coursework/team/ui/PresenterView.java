package io.lecturelab.coursework.team.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.coursework.team.PresentationSchedule;
import io.lecturelab.coursework.team.PresentationService;
import io.lecturelab.coursework.team.Slot;
import io.lecturelab.security.ui.CurrentUser;

import java.util.List;

/**
 * For the projector on presentation day: the running order of booked slots, the team presenting now and a
 * countdown of the course's presentation length (7:00 by default) in big digits. The countdown runs in the browser,
 * so it keeps exact time whatever the network does; start, pause and reset act there at once, next and previous
 * move through the running order and reset the clock. The stage can go full screen.
 */
@Route(value = CourseRoutes.PREFIX + "/presentations/present", layout = MainLayout.class)
@RequiresCourseRole({CourseRole.TA, CourseRole.INSTRUCTOR})
public class PresenterView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** Installs the countdown on the timer element (idempotent: a reattached page gets a fresh one). */
    private static final String TIMER = """
            const el = this;
            el._total = $0; el._remaining = $0; el._running = false;
            el._render = () => {
              const s = Math.max(0, Math.ceil(el._remaining));
              el.textContent = Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
              el.dataset.state = s === 0 ? 'over' : (s <= 60 ? 'last' : 'normal');
              el.style.color = s === 0 ? 'var(--lumo-error-text-color)' : '';
            };
            el._tick = () => {
              if (!el.isConnected) { clearInterval(el._timer); return; }
              if (!el._running) return;
              const now = performance.now();
              el._remaining -= (now - el._last) / 1000;
              el._last = now;
              if (el._remaining <= 0) { el._remaining = 0; el._running = false; }
              el._render();
            };
            el._start = () => { if (el._remaining > 0 && !el._running) { el._running = true; el._last = performance.now(); } };
            el._pause = () => { el._tick(); el._running = false; };
            el._reset = () => { el._running = false; el._remaining = el._total; el._render(); };
            clearInterval(el._timer);
            el._timer = setInterval(el._tick, 200);
            el._render();
            """;

    private final PresentationService presentations;
    private final CurrentUser currentUser;
    private final Div stage = new Div();
    private final Div timer = new Div();
    private final H3 current = new H3();
    private final Paragraph next = new Paragraph();
    private final OrderedList order = new OrderedList();
    private List<Slot> running = List.of();
    private int minutes = 7;
    private int position;

    public PresenterView(PresentationService presentations, CurrentUser currentUser) {
        this.presentations = presentations;
        this.currentUser = currentUser;
        addClassName("page");
        addClassName("presenter-page");
        setWidthFull();
        stage.setId("presenter-stage");
        stage.setWidthFull();
        stage.getStyle().set("background", "var(--lumo-base-color)").set("padding", "var(--lumo-space-m)")
                .set("box-sizing", "border-box").set("overflow", "auto");
        timer.setId("presenter-timer");
        timer.getElement().setAttribute("role", "timer");
        timer.getStyle().set("font-size", "clamp(5rem, 24vw, 18rem)").set("font-weight", "700")
                .set("line-height", "1").set("font-variant-numeric", "tabular-nums").set("text-align", "center")
                .set("margin", "var(--lumo-space-m) 0");
        current.setId("presenter-current");
        current.getStyle().set("font-size", "clamp(1.5rem, 5vw, 3.5rem)").set("text-align", "center")
                .set("margin", "0").set("overflow-wrap", "anywhere");
        next.setId("presenter-next-team");
        next.getStyle().set("text-align", "center").set("font-size", "var(--lumo-font-size-xl)");
        order.setId("presenter-order");
        order.getStyle().set("font-size", "var(--lumo-font-size-l)");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        removeAll();
        stage.removeAll();
        PresentationSchedule schedule;
        try {
            schedule = presentations.schedule(courseId, currentUser.require());
        } catch (UserFacingException refusal) {
            add(new H2(getTranslation("slot.presenter.heading")), new Paragraph(Notifications.describe(refusal)));
            return;
        }
        minutes = schedule.minutes();
        running = schedule.slots().stream().filter(slot -> !slot.free()).toList();
        position = 0;
        timer.setText(minutes + ":00");

        Button start = clientButton("slot.presenter.start", "presenter-start", VaadinIcon.PLAY, "_start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        Button pause = clientButton("slot.presenter.pause", "presenter-pause", VaadinIcon.PAUSE, "_pause");
        Button reset = clientButton("slot.presenter.reset", "presenter-reset", VaadinIcon.REFRESH, "_reset");
        Button previous = new Button(getTranslation("slot.presenter.previous"), VaadinIcon.ARROW_LEFT.create(),
                click -> go(position - 1));
        previous.setId("presenter-previous");
        Button nextTeam = new Button(getTranslation("slot.presenter.next"), VaadinIcon.ARROW_RIGHT.create(),
                click -> go(position + 1));
        nextTeam.setId("presenter-next");
        Button fullScreen = new Button(getTranslation("slot.presenter.fullScreen"), VaadinIcon.EXPAND_SQUARE.create());
        fullScreen.setId("presenter-fullscreen");
        // a user gesture is needed for full screen, so the browser handles the click itself
        fullScreen.getElement().executeJs("this.addEventListener('click', () => document.fullscreenElement"
                + " ? document.exitFullscreen() : $0.requestFullscreen())", stage.getElement());
        FlexLayout controls = new FlexLayout(start, pause, reset, previous, nextTeam, fullScreen);
        controls.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        controls.setJustifyContentMode(JustifyContentMode.CENTER);
        controls.getStyle().set("gap", "var(--lumo-space-s)");

        stage.add(new H2(getTranslation("slot.presenter.heading")), current, timer, controls, next,
                new H3(getTranslation("slot.presenter.order")), order);
        add(stage);
        show();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        timer.getElement().executeJs(TIMER, minutes * 60);
    }

    private Button clientButton(String key, String id, VaadinIcon icon, String function) {
        Button button = new Button(getTranslation(key), icon.create());
        button.setId(id);
        button.getElement().executeJs("this.addEventListener('click', () => $0." + function + " && $0."
                + function + "())", timer.getElement());
        return button;
    }

    private void go(int to) {
        if (running.isEmpty()) {
            return;
        }
        position = Math.max(0, Math.min(running.size() - 1, to));
        show();
        timer.getElement().executeJs("this._reset && this._reset()");
    }

    private void show() {
        order.removeAll();
        if (running.isEmpty()) {
            current.setText(getTranslation("slot.presenter.none"));
            next.setText("");
            return;
        }
        for (int i = 0; i < running.size(); i++) {
            Slot slot = running.get(i);
            ListItem item = new ListItem(TeamUi.clock(slot.startsAt()) + " · " + slot.teamName());
            item.setId("presenter-order-" + (i + 1));
            if (i == position) {
                item.getElement().setAttribute("aria-current", "step");
                item.getStyle().set("font-weight", "700");
            }
            order.add(item);
        }
        Slot now = running.get(position);
        current.setText(getTranslation("slot.presenter.now", now.teamName(), TeamUi.clock(now.startsAt())));
        next.setText(position + 1 < running.size()
                ? getTranslation("slot.presenter.upNext", running.get(position + 1).teamName())
                : getTranslation("slot.presenter.last"));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("slot.presenter.heading");
    }
}
