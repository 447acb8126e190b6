package io.lecturelab.coursework.team.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
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
import io.lecturelab.coursework.team.Formation;
import io.lecturelab.coursework.team.Placement;
import io.lecturelab.coursework.team.Seeker;
import io.lecturelab.coursework.team.StudentPlace;
import io.lecturelab.coursework.team.TeamInfo;
import io.lecturelab.coursework.team.TeamMemberInfo;
import io.lecturelab.coursework.team.TeamService;
import io.lecturelab.coursework.team.TeamsOverview;
import io.lecturelab.security.ui.CurrentUser;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The course's teams: a student's own team (members, join code to share, leave), forms to create or join one, the
 * "looking for a team" board and every team; staff also set the formation window, lock the teams, move students and
 * place those left over.
 */
@Route(value = CourseRoutes.PREFIX + "/teams", layout = MainLayout.class)
@RequiresCourseRole
public class TeamsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final TeamService teams;
    private final CurrentUser currentUser;
    private long courseId;
    private Div placementResult = new Div();

    public TeamsView(TeamService teams, CurrentUser currentUser) {
        this.teams = teams;
        this.currentUser = currentUser;
        addClassName("page");
        addClassName("teams-page");
        getStyle().set("max-width", "72rem");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        render();
    }

    private void render() {
        removeAll();
        add(new H2(getTranslation("team.heading")));
        TeamsOverview overview;
        try {
            overview = teams.overview(courseId, currentUser.require());
        } catch (UserFacingException refusal) {
            add(new Paragraph(Notifications.describe(refusal)));
            return;
        }
        Paragraph status = new Paragraph(windowText(overview.formation()) + " "
                + getTranslation("team.sizeRule", overview.formation().minSize(), overview.formation().maxSize()));
        status.setId("team-window-status");
        add(status);
        if (overview.student()) {
            overview.myTeam().ifPresentOrElse(this::showMyTeam, () -> showForms(overview));
        }
        showBoard(overview.board());
        showTeams(overview.teams());
        if (overview.staff()) {
            showStaffPanel(overview);
        }
    }

    private String windowText(Formation formation) {
        String zone = formation.zone().getId();
        String closes = formation.closesAt().map(at -> getTranslation("team.window.until",
                TeamUi.time(at, getLocale()), zone)).orElseGet(() -> getTranslation("team.window.noEnd"));
        return switch (formation.state()) {
            case NOT_SET -> getTranslation("team.window.notSet");
            case NOT_YET_OPEN -> getTranslation("team.window.notYetOpen",
                    TeamUi.time(formation.opensAt().orElseThrow(), getLocale()), zone);
            case OPEN -> getTranslation("team.window.open", closes);
            case CLOSED -> getTranslation("team.window.closed",
                    TeamUi.time(formation.closesAt().orElseThrow(), getLocale()), zone);
            case LOCKED -> getTranslation("team.window.locked");
        };
    }

    // --- a student's own team --------------------------------------------------------------------------------------

    private void showMyTeam(TeamInfo team) {
        Div box = new Div();
        box.setId("team-mine");
        box.getStyle().set("border", "1px solid var(--lumo-contrast-30pct)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-m)").set("width", "100%").set("box-sizing", "border-box");
        H3 heading = new H3(getTranslation("team.mine.heading", team.name()));
        heading.getStyle().set("margin-top", "0");
        box.add(heading);
        if (!team.topic().isBlank()) {
            box.add(new Paragraph(getTranslation("team.topic") + ": " + team.topic()));
        }
        UnorderedList members = new UnorderedList();
        members.setId("team-my-members");
        team.members().forEach(m -> members.add(new ListItem(m.displayName())));
        box.add(new Paragraph(getTranslation("team.mine.members", team.members().size(), team.maxSize())), members);

        String code = team.joinCode().orElse("");
        Span codeText = new Span(code);
        codeText.setId("team-my-code");
        codeText.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
                .set("font-size", "var(--lumo-font-size-xl)").set("letter-spacing", "0.15em")
                .set("font-weight", "600");
        Button copy = new Button(getTranslation("team.mine.copy"), VaadinIcon.COPY.create(), click -> {
            getElement().executeJs("return navigator.clipboard.writeText($0)", code)
                    .then(ok -> Notifications.success(getTranslation("team.mine.copied")),
                            failed -> Notifications.error(getTranslation("team.mine.copyFailed")));
        });
        copy.setId("team-copy-code");
        copy.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Paragraph share = new Paragraph(getTranslation("team.mine.code") + " ");
        share.add(codeText, new Span(" "), copy);
        box.add(share, new Paragraph(getTranslation("team.mine.codeHelp")));

        RouterLink proposal = new RouterLink(getTranslation("team.mine.proposal"), ProposalView.class,
                CourseRoutes.of(courseId));
        proposal.setId("team-proposal-link");
        RouterLink presentations = new RouterLink(getTranslation("team.mine.presentation"), PresentationsView.class,
                CourseRoutes.of(courseId));
        presentations.setId("team-presentations-link");
        Button leave = new Button(getTranslation("team.mine.leave"), click -> confirmLeave(team));
        leave.setId("team-leave");
        leave.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        FlexLayout actions = new FlexLayout(proposal, presentations, leave);
        actions.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        actions.setAlignItems(Alignment.CENTER);
        actions.getStyle().set("gap", "var(--lumo-space-m)");
        box.add(actions);
        add(box);
    }

    private void confirmLeave(TeamInfo team) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(getTranslation("team.leave.heading", team.name()));
        dialog.setText(team.members().size() == 1 ? getTranslation("team.leave.last")
                : getTranslation("team.leave.text"));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("team.leave.cancel"));
        dialog.setConfirmText(getTranslation("team.mine.leave"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.setId("team-leave-dialog");
        dialog.addConfirmListener(confirmed -> act(() -> teams.leave(courseId, currentUser.require()),
                getTranslation("team.leave.done", team.name())));
        dialog.open();
    }

    // --- create, join, board ---------------------------------------------------------------------------------------

    private void showForms(TeamsOverview overview) {
        TextField name = new TextField(getTranslation("team.create.name"));
        name.setId("team-create-name");
        name.setMaxLength(80);
        name.setRequiredIndicatorVisible(true);
        TextField topic = new TextField(getTranslation("team.create.topic"));
        topic.setId("team-create-topic");
        topic.setMaxLength(300);
        Button create = new Button(getTranslation("team.create.button"), click -> act(() -> teams.create(courseId,
                name.getValue(), topic.getValue(), currentUser.require()), getTranslation("team.create.done",
                name.getValue().strip())));
        create.setId("team-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout createForm = new FormLayout(name, topic, create);
        createForm.setId("team-create-form");

        TextField code = new TextField(getTranslation("team.join.code"));
        code.setId("team-join-code");
        code.setMaxLength(16);
        code.setHelperText(getTranslation("team.join.help"));
        Button join = new Button(getTranslation("team.join.button"), click -> act(() -> teams.join(courseId,
                code.getValue(), currentUser.require()), getTranslation("team.join.done")));
        join.setId("team-join");
        join.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout joinForm = new FormLayout(code, join);
        joinForm.setId("team-join-form");

        TextField note = new TextField(getTranslation("team.board.note"));
        note.setId("team-seek-note");
        note.setMaxLength(300);
        note.setHelperText(getTranslation("team.board.noteHelp"));
        Button seek = new Button(overview.onBoard() ? getTranslation("team.board.update")
                : getTranslation("team.board.add"), click -> act(() -> teams.seek(courseId, note.getValue(),
                currentUser.require()), getTranslation("team.board.added")));
        seek.setId("team-seek-add");
        FormLayout seekForm = new FormLayout(note, seek);
        overview.board().stream().filter(s -> s.userId() == currentUser.require().id()).findFirst()
                .ifPresent(me -> note.setValue(me.note()));
        if (overview.onBoard()) {
            Button remove = new Button(getTranslation("team.board.remove"), click -> act(() ->
                    teams.stopSeeking(courseId, currentUser.require()), getTranslation("team.board.removed")));
            remove.setId("team-seek-remove");
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            seekForm.add(remove);
        }
        add(new H3(getTranslation("team.create.heading")), createForm,
                new H3(getTranslation("team.join.heading")), joinForm,
                new H3(getTranslation("team.board.seekHeading")), seekForm);
    }

    private void showBoard(List<Seeker> board) {
        add(new H3(getTranslation("team.board.heading")));
        if (board.isEmpty()) {
            Paragraph empty = new Paragraph(getTranslation("team.board.empty"));
            empty.setId("team-board");
            add(empty);
            return;
        }
        UnorderedList list = new UnorderedList();
        list.setId("team-board");
        board.forEach(s -> list.add(new ListItem(s.note().isBlank() ? s.displayName()
                : s.displayName() + " — " + s.note())));
        add(list);
    }

    private void showTeams(List<TeamInfo> all) {
        add(new H3(getTranslation("team.all.heading", all.size())));
        FlexLayout cards = new FlexLayout();
        cards.setId("team-list");
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-m)");
        cards.setWidthFull();
        if (all.isEmpty()) {
            add(new Paragraph(getTranslation("team.all.empty")));
        }
        for (TeamInfo team : all) {
            Div card = new Div();
            card.setId("team-card-" + team.id());
            card.addClassName("team-card");
            card.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)")
                    .set("border-radius", "var(--lumo-border-radius-l)").set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                    .set("flex", "1 1 16rem").set("min-width", "0").set("max-width", "100%").set("box-sizing", "border-box");
            H4 name = new H4(team.name());
            name.getStyle().set("margin", "0").set("overflow-wrap", "anywhere");
            card.add(name);
            if (!team.topic().isBlank()) {
                Paragraph topic = new Paragraph(team.topic());
                topic.getStyle().set("margin", "var(--lumo-space-xs) 0").set("overflow-wrap", "anywhere");
                card.add(topic);
            }
            Paragraph members = new Paragraph(getTranslation(team.full() ? "team.all.full" : "team.all.size",
                    team.members().size(), team.maxSize()) + ": "
                    + team.members().stream().map(TeamMemberInfo::displayName).collect(Collectors.joining(", ")));
            members.getStyle().set("margin", "0").set("color", "var(--lumo-secondary-text-color)")
                    .set("overflow-wrap", "anywhere");
            card.add(members);
            team.joinCode().filter(c -> !team.mine()).ifPresent(c -> card.add(new Paragraph(
                    getTranslation("team.mine.code") + " " + c)));
            cards.add(card);
        }
        add(cards);
    }

    // --- staff -----------------------------------------------------------------------------------------------------

    private void showStaffPanel(TeamsOverview overview) {
        Div panel = new Div();
        panel.setId("team-staff");
        panel.setWidthFull();
        panel.add(new H3(getTranslation("team.staff.heading")));

        Formation formation = overview.formation();
        DateTimePicker opens = TeamUi.picker(this, "team.staff.opens", "team-window-opens");
        DateTimePicker closes = TeamUi.picker(this, "team.staff.closes", "team-window-closes");
        formation.opensAt().ifPresent(at -> opens.setValue(at.toLocalDateTime()));
        formation.closesAt().ifPresent(at -> closes.setValue(at.toLocalDateTime()));
        opens.setHelperText(getTranslation("team.staff.zone", formation.zone().getId()));
        Button saveWindow = new Button(getTranslation("team.staff.saveWindow"), click -> act(() ->
                teams.setWindow(courseId, opens.getValue(), closes.getValue(), currentUser.require()),
                getTranslation("team.staff.windowSaved")));
        saveWindow.setId("team-window-save");
        saveWindow.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout window = new FormLayout(opens, closes, saveWindow);
        panel.add(new H4(getTranslation("team.staff.window")), window);

        boolean locked = formation.locked();
        Button lock = new Button(getTranslation(locked ? "team.staff.unlock" : "team.staff.lock"),
                (locked ? VaadinIcon.UNLOCK : VaadinIcon.LOCK).create(), click -> act(() -> teams.setLocked(courseId,
                !locked, currentUser.require()), getTranslation(locked ? "team.staff.unlocked" : "team.staff.locked")));
        lock.setId("team-lock");
        panel.add(new Paragraph(getTranslation("team.staff.lockHelp")), lock);

        List<StudentPlace> students = teams.students(courseId, currentUser.require());
        long without = students.stream().filter(s -> s.teamId().isEmpty()).count();
        ComboBox<StudentPlace> student = new ComboBox<>(getTranslation("team.staff.student"));
        student.setId("team-move-student");
        student.setItems(students);
        student.setItemLabelGenerator(s -> s.displayName() + " (" + s.username() + ") — "
                + (s.teamId().isPresent() ? s.teamName() : getTranslation("team.staff.noTeam")));
        ComboBox<TeamInfo> target = new ComboBox<>(getTranslation("team.staff.target"));
        target.setId("team-move-team");
        target.setItems(overview.teams());
        target.setItemLabelGenerator(t -> t.name() + " (" + t.members().size() + "/" + t.maxSize() + ")");
        Checkbox override = new Checkbox(getTranslation("team.staff.override"));
        override.setId("team-move-override");
        override.setVisible(overview.instructor());
        Button move = new Button(getTranslation("team.staff.move"), click -> {
            if (student.getValue() == null || target.getValue() == null) {
                Notifications.error(getTranslation("team.staff.pickBoth"));
                return;
            }
            act(() -> teams.move(courseId, student.getValue().userId(), target.getValue().id(), override.getValue(),
                    currentUser.require()), getTranslation("team.staff.moved", student.getValue().displayName(),
                    target.getValue().name()));
        });
        move.setId("team-move");
        FormLayout moveForm = new FormLayout(student, target, override, move);
        panel.add(new H4(getTranslation("team.staff.moveHeading")),
                new Paragraph(getTranslation("team.staff.moveHelp", formation.maxSize())), moveForm);

        placementResult = new Div();
        placementResult.setId("team-placement-result");
        Button place = new Button(getTranslation("team.staff.place"), click -> {
            try {
                Placement placement = teams.placeLeftovers(courseId, currentUser.require());
                render();
                showPlacement(placement);
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        place.setId("team-place-leftovers");
        Paragraph withoutText = new Paragraph(getTranslation("team.staff.without", without));
        withoutText.setId("team-without-count");
        panel.add(new H4(getTranslation("team.staff.placeHeading")), withoutText,
                new Paragraph(getTranslation("team.staff.placeHelp")), place, placementResult);
        add(panel);
    }

    private void showPlacement(Placement placement) {
        placementResult.removeAll();
        placementResult.add(new Paragraph(getTranslation("team.staff.placed", placement.placed().size(),
                placement.unplaced().size())));
        UnorderedList list = new UnorderedList();
        placement.placed().forEach(p -> list.add(new ListItem(getTranslation(p.newTeam()
                ? "team.staff.placedNew" : "team.staff.placedInto", p.displayName(), p.teamName()))));
        placement.unplaced().forEach(p -> list.add(new ListItem(getTranslation("team.staff.unplaced",
                p.displayName()))));
        placementResult.add(list);
    }

    private void act(Runnable action, String success) {
        try {
            action.run();
            Notifications.success(success);
            render();
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("team.heading");
    }
}
