package io.lecturelab.coursework.team.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.coursework.team.PresentationSchedule;
import io.lecturelab.coursework.team.PresentationService;
import io.lecturelab.coursework.team.Slot;
import io.lecturelab.security.ui.CurrentUser;

/**
 * The presentation schedule, for every member of the course: a team's member books a free slot (or changes or
 * releases the team's slot before it starts); staff open slots back to back and remove them, and open the
 * presenter's view.
 */
@Route(value = CourseRoutes.PREFIX + "/presentations", layout = MainLayout.class)
@RequiresCourseRole
public class PresentationsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final PresentationService presentations;
    private final CurrentUser currentUser;
    private long courseId;

    public PresentationsView(PresentationService presentations, CurrentUser currentUser) {
        this.presentations = presentations;
        this.currentUser = currentUser;
        addClassName("page");
        addClassName("presentations-page");
        getStyle().set("max-width", "60rem");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        render();
    }

    private void render() {
        removeAll();
        add(new H2(getTranslation("slot.heading")));
        PresentationSchedule schedule;
        try {
            schedule = presentations.schedule(courseId, currentUser.require());
        } catch (UserFacingException refusal) {
            add(new Paragraph(Notifications.describe(refusal)));
            return;
        }
        add(new Paragraph(getTranslation("slot.help", schedule.minutes(), schedule.zone().getId())));
        if (!schedule.staff() && schedule.myTeamId().isEmpty()) {
            Paragraph noTeam = new Paragraph(getTranslation("slot.noTeamHint"));
            noTeam.setId("slot-no-team");
            add(noTeam);
        }
        boolean hasMine = schedule.slots().stream().anyMatch(Slot::mine);
        if (schedule.slots().isEmpty()) {
            Paragraph empty = new Paragraph(getTranslation("slot.empty"));
            empty.setId("slot-schedule");
            add(empty);
        } else {
            OrderedList list = new OrderedList();
            list.setId("slot-schedule");
            list.getStyle().set("padding-left", "1.5em");
            schedule.slots().forEach(slot -> list.add(row(slot, schedule, hasMine)));
            add(list);
        }
        if (schedule.staff()) {
            showStaffTools(schedule);
        }
    }

    private ListItem row(Slot slot, PresentationSchedule schedule, boolean hasMine) {
        ListItem item = new ListItem();
        item.setId("slot-" + slot.number());
        item.getStyle().set("margin-bottom", "var(--lumo-space-s)").set("overflow-wrap", "anywhere");
        Span time = new Span(TeamUi.time(slot.startsAt(), getLocale()) + "–"
                + TeamUi.clock(slot.startsAt().plusMinutes(slot.minutes())));
        time.getStyle().set("font-weight", "600");
        Span who = new Span(" · " + (slot.free() ? getTranslation("slot.free")
                : slot.teamName() + (slot.mine() ? " " + getTranslation("slot.yours") : "")));
        item.add(time, who);
        if (slot.started()) {
            item.add(new Span(" · " + getTranslation("slot.started")));
        }
        boolean canBook = schedule.myTeamId().isPresent() && slot.free() && !slot.started();
        if (canBook) {
            Button book = new Button(getTranslation(hasMine ? "slot.move" : "slot.book"), click -> act(() ->
                    presentations.book(courseId, slot.id(), currentUser.require()),
                    getTranslation("slot.booked", TeamUi.time(slot.startsAt(), getLocale()))));
            book.setId("slot-book-" + slot.number());
            book.addThemeVariants(ButtonVariant.LUMO_SMALL, hasMine ? ButtonVariant.LUMO_TERTIARY
                    : ButtonVariant.LUMO_PRIMARY);
            book.setAriaLabel(getTranslation(hasMine ? "slot.moveTo" : "slot.bookAt",
                    TeamUi.time(slot.startsAt(), getLocale())));
            item.add(new Span(" "), book);
        }
        if (slot.mine() && !slot.started()) {
            Button release = new Button(getTranslation("slot.release"), click -> act(() ->
                    presentations.release(courseId, currentUser.require()), getTranslation("slot.released")));
            release.setId("slot-release");
            release.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            item.add(new Span(" "), release);
        }
        if (schedule.staff()) {
            Button delete = new Button(VaadinIcon.TRASH.create(), click -> act(() ->
                    presentations.deleteSlot(courseId, slot.id(), currentUser.require()),
                    getTranslation("slot.deleted")));
            delete.setId("slot-delete-" + slot.number());
            delete.setAriaLabel(getTranslation("slot.delete", TeamUi.time(slot.startsAt(), getLocale())));
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            item.add(new Span(" "), delete);
        }
        return item;
    }

    private void showStaffTools(PresentationSchedule schedule) {
        Div tools = new Div();
        tools.setId("slot-staff");
        tools.setWidthFull();
        DateTimePicker start = TeamUi.picker(this, "slot.open.start", "slot-open-start");
        start.setHelperText(getTranslation("team.staff.zone", schedule.zone().getId()));
        IntegerField count = new IntegerField(getTranslation("slot.open.count"));
        count.setId("slot-open-count");
        count.setMin(1);
        count.setMax(PresentationService.MAX_SLOTS_AT_ONCE);
        count.setValue(10);
        count.setStepButtonsVisible(true);
        Button open = new Button(getTranslation("slot.open.button"), click -> {
            try {
                int added = presentations.openSlots(courseId, start.getValue(),
                        count.getValue() == null ? 0 : count.getValue(), currentUser.require());
                Notifications.success(getTranslation("slot.open.done", added));
                render();
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        open.setId("slot-open");
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        RouterLink presenter = new RouterLink(getTranslation("slot.presenterLink"), PresenterView.class,
                CourseRoutes.of(courseId));
        presenter.setId("slot-presenter-link");
        tools.add(new H3(getTranslation("slot.open.heading")),
                new Paragraph(getTranslation("slot.open.help", schedule.minutes())),
                new FormLayout(start, count, open), new Paragraph(presenter));
        add(tools);
    }

    private void act(Runnable action, String success) {
        try {
            action.run();
            Notifications.success(success);
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
        render();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("slot.heading");
    }
}
