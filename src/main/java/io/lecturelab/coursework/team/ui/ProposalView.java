package io.lecturelab.coursework.team.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.lecturelab.base.Markdown;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.coursework.AssignmentSummary;
import io.lecturelab.coursework.Receipt;
import io.lecturelab.coursework.team.PartConflict;
import io.lecturelab.coursework.team.PartEdit;
import io.lecturelab.coursework.team.Proposal;
import io.lecturelab.coursework.team.ProposalPart;
import io.lecturelab.coursework.team.ProposalSave;
import io.lecturelab.coursework.team.ProposalService;
import io.lecturelab.coursework.team.ProposalText;
import io.lecturelab.coursework.team.TeamInfo;
import io.lecturelab.coursework.team.TeamService;
import io.lecturelab.lecture.ui.LectureContent;
import io.lecturelab.security.ui.CurrentUser;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A team's proposal: the three parts in Markdown with math, each with a live preview. A save sends only the parts
 * this member changed, each with the version they started from; a part a teammate saved meanwhile is not
 * overwritten: the member's text stays in the editor and the teammate's is shown beside it, to merge and save
 * again. Members submit the saved proposal as a version of the proposal assignment and see their receipts. Staff
 * read any team's proposal.
 */
@Route(value = CourseRoutes.PREFIX + "/teams/proposal", layout = MainLayout.class)
@RequiresCourseRole
public class ProposalView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ProposalService proposals;
    private final TeamService teams;
    private final CurrentUser currentUser;
    private final Map<ProposalPart, Editor> editors = new EnumMap<>(ProposalPart.class);
    private final Paragraph status = new Paragraph();
    private final Div receipts = new Div();
    private long courseId;
    private ZoneId zone = ZoneId.of("UTC");
    private String pageTitle = "";

    public ProposalView(ProposalService proposals, TeamService teams, CurrentUser currentUser) {
        this.proposals = proposals;
        this.teams = teams;
        this.currentUser = currentUser;
        addClassName("page");
        addClassName("proposal-page");
        getStyle().set("max-width", "90rem");
        status.setId("proposal-status");
        receipts.setId("proposal-receipt");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        pageTitle = getTranslation("proposal.heading");
        removeAll();
        editors.clear();
        try {
            zone = teams.formation(courseId, currentUser.require()).zone();
            if (teams.overview(courseId, currentUser.require()).staff()) {
                showForStaff();
            } else {
                show(proposals.mine(courseId, currentUser.require()));
            }
        } catch (UserFacingException refusal) {
            add(new H2(pageTitle), new Paragraph(Notifications.describe(refusal)));
            RouterLink back = new RouterLink(getTranslation("proposal.toTeams"), TeamsView.class,
                    CourseRoutes.of(courseId));
            back.setId("proposal-teams-link");
            add(back);
        }
    }

    // --- staff: read a team's proposal -----------------------------------------------------------------------------

    private void showForStaff() {
        add(new H2(pageTitle));
        ComboBox<TeamInfo> team = new ComboBox<>(getTranslation("proposal.staff.team"));
        team.setId("proposal-team");
        team.setItems(teams.overview(courseId, currentUser.require()).teams());
        team.setItemLabelGenerator(TeamInfo::name);
        Div shown = new Div();
        shown.setWidthFull();
        team.addValueChangeListener(change -> {
            shown.removeAll();
            if (change.getValue() != null) {
                Proposal proposal = proposals.ofTeam(courseId, change.getValue().id(), currentUser.require());
                for (ProposalPart part : ProposalPart.values()) {
                    LectureContent content = new LectureContent(Markdown.toSafeHtml(proposal.part(part).text()));
                    content.setId("proposal-" + id(part) + "-preview");
                    shown.add(new H3(heading(part)), content);
                }
            }
        });
        add(new Paragraph(getTranslation("proposal.staff.help")), team, shown);
    }

    // --- members: edit ---------------------------------------------------------------------------------------------

    private void show(Proposal proposal) {
        pageTitle = getTranslation("proposal.headingTeam", proposal.teamName());
        add(new H2(pageTitle), new Paragraph(getTranslation("proposal.help")));
        for (ProposalPart part : ProposalPart.values()) {
            Editor editor = new Editor(part);
            editors.put(part, editor);
            add(editor.box);
        }
        Button save = new Button(getTranslation("proposal.save"), click -> save());
        save.setId("proposal-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(save, status);
        load(proposal, true);
        showSubmit();
    }

    /** Puts the stored parts into the editors; {@code all}: also parts this member has changed. */
    private void load(Proposal proposal, boolean all) {
        for (ProposalPart part : ProposalPart.values()) {
            Editor editor = editors.get(part);
            ProposalText stored = proposal.part(part);
            if (all || !editor.changed() || editor.text.getValue().equals(stored.text())) {
                editor.text.setValue(stored.text());
                editor.loaded = stored;
            }
        }
        status.setText(proposal.updatedBy().isPresent() && proposal.updatedAt().isPresent()
                ? getTranslation("proposal.lastSaved", proposal.updatedBy().get(),
                TeamUi.time(proposal.updatedAt().get().atZone(zone), getLocale()), zone.getId())
                : getTranslation("proposal.neverSaved"));
    }

    private void save() {
        List<PartEdit> edits = new ArrayList<>();
        editors.forEach((part, editor) -> {
            if (editor.changed()) {
                edits.add(new PartEdit(part, editor.text.getValue(), editor.loaded.version()));
            }
        });
        try {
            ProposalSave outcome = proposals.save(courseId, edits, currentUser.require());
            for (ProposalPart part : outcome.saved()) {
                editors.get(part).loaded = outcome.proposal().part(part);
                editors.get(part).hideConflict();
            }
            // parts this member did not touch show what teammates saved
            load(outcome.proposal(), false);
            for (PartConflict conflict : outcome.conflicts()) {
                editors.get(conflict.part()).showConflict(conflict);
            }
            if (outcome.conflicts().isEmpty()) {
                editors.values().forEach(Editor::hideConflict);
                Notifications.success(getTranslation("proposal.saved"));
            } else {
                Notifications.error(getTranslation("proposal.conflictNotice", outcome.conflicts().size()));
            }
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
    }

    // --- submit ----------------------------------------------------------------------------------------------------

    private void showSubmit() {
        add(new H3(getTranslation("proposal.submitHeading")));
        List<AssignmentSummary> open = proposals.assignments(courseId, currentUser.require());
        if (open.isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("proposal.noAssignment"));
            none.setId("proposal-no-assignment");
            add(none);
            return;
        }
        Select<AssignmentSummary> assignment = new Select<>();
        assignment.setLabel(getTranslation("proposal.assignment"));
        assignment.setId("proposal-assignment");
        assignment.setItems(open);
        assignment.setItemLabelGenerator(a -> a.title() + " — " + getTranslation("proposal.due",
                TeamUi.time(a.deadline().due().atZone(a.courseZone()), getLocale()), a.courseZone().getId()));
        assignment.setValue(open.getFirst());
        assignment.addValueChangeListener(change -> showReceipts(change.getValue()));
        Button submit = new Button(getTranslation("proposal.submit"), click -> submit(assignment.getValue()));
        submit.setId("proposal-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FlexLayout row = new FlexLayout(assignment, submit);
        row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        row.setAlignItems(Alignment.BASELINE);
        row.getStyle().set("gap", "var(--lumo-space-m)");
        add(new Paragraph(getTranslation("proposal.submitHelp")), row, receipts);
        showReceipts(open.getFirst());
    }

    private void submit(AssignmentSummary assignment) {
        if (assignment == null) {
            return;
        }
        if (editors.values().stream().anyMatch(Editor::changed)) {
            Notifications.error(getTranslation("proposal.saveFirst"));
            return;
        }
        try {
            Map<ProposalPart, String> headings = new EnumMap<>(ProposalPart.class);
            for (ProposalPart part : ProposalPart.values()) {
                headings.put(part, heading(part));
            }
            Receipt receipt = proposals.submit(courseId, assignment.id(), headings, currentUser.require());
            Notifications.success(getTranslation(receipt.late() ? "proposal.submittedLate" : "proposal.submitted",
                    receipt.version()));
            showReceipts(assignment);
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
    }

    private void showReceipts(AssignmentSummary assignment) {
        receipts.removeAll();
        if (assignment == null) {
            return;
        }
        List<Receipt> versions = proposals.submitted(courseId, assignment.id(), currentUser.require());
        if (versions.isEmpty()) {
            receipts.add(new Paragraph(getTranslation("proposal.noVersions")));
            return;
        }
        UnorderedList list = new UnorderedList();
        for (Receipt receipt : versions) {
            String text = getTranslation("proposal.version", receipt.version(),
                    TeamUi.time(receipt.submittedAt().atZone(assignment.courseZone()), getLocale()),
                    assignment.courseZone().getId(), receipt.submittedBy());
            if (receipt.late()) {
                text += " · " + getTranslation("proposal.late");
            }
            ListItem item = new ListItem(text);
            item.setId("proposal-version-" + receipt.version());
            list.add(item);
        }
        receipts.add(new H4(getTranslation("proposal.versions")), list);
    }

    private String heading(ProposalPart part) {
        return getTranslation("proposal.part." + id(part));
    }

    private static String id(ProposalPart part) {
        return part.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String getPageTitle() {
        return pageTitle;
    }

    /** One part: its text, its preview and, after a conflicting save, the teammate's text. */
    private final class Editor {

        final FlexLayout box = new FlexLayout();
        final TextArea text = new TextArea();
        final LectureContent preview = new LectureContent("");
        final Div conflict = new Div();
        ProposalText loaded = new ProposalText("", 0);

        Editor(ProposalPart part) {
            String id = id(part);
            text.setLabel(heading(part));
            text.setHelperText(getTranslation("proposal.part." + id + "Help"));
            text.setId("proposal-" + id);
            text.setWidthFull();
            text.setMinHeight("12rem");
            text.setMaxLength(ProposalService.MAX_PART);
            text.setValueChangeMode(ValueChangeMode.TIMEOUT);
            text.setValueChangeTimeout(400);
            text.addValueChangeListener(change -> preview.setHtml(Markdown.toSafeHtml(change.getValue())));
            preview.setId("proposal-" + id + "-preview");
            preview.getElement().setAttribute("aria-label", getTranslation("proposal.preview", heading(part)));
            preview.getElement().setAttribute("role", "region");
            conflict.setId("proposal-conflict-" + id);
            conflict.setVisible(false);
            conflict.getStyle().set("border", "2px solid var(--lumo-error-color)")
                    .set("border-radius", "var(--lumo-border-radius-m)").set("padding", "var(--lumo-space-s)")
                    .set("box-sizing", "border-box").set("width", "100%");
            Div editorSide = new Div(text, conflict);
            Div previewSide = new Div(preview);
            for (Div side : List.of(editorSide, previewSide)) {
                side.getStyle().set("flex", "1 1 20rem").set("min-width", "0").set("max-width", "100%");
            }
            previewSide.getStyle().set("border-left", "3px solid var(--lumo-contrast-10pct)")
                    .set("padding-left", "var(--lumo-space-m)").set("overflow-x", "auto");
            box.add(editorSide, previewSide);
            box.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            box.setWidthFull();
            box.getStyle().set("gap", "var(--lumo-space-m)");
        }

        boolean changed() {
            return !text.getValue().equals(loaded.text());
        }

        void showConflict(PartConflict c) {
            // the member's text stays; the next save is based on the teammate's version
            loaded = new ProposalText(c.theirText(), c.theirVersion());
            conflict.removeAll();
            Paragraph explain = new Paragraph(c.theirName().isBlank()
                    ? getTranslation("proposal.conflict.anonymous")
                    : getTranslation("proposal.conflict.text", c.theirName()));
            TextArea theirs = new TextArea(getTranslation("proposal.conflict.theirs"));
            theirs.setId(text.getId().orElseThrow() + "-theirs");
            theirs.setValue(c.theirText());
            theirs.setReadOnly(true);
            theirs.setWidthFull();
            String theirText = c.theirText();
            Button useTheirs = new Button(getTranslation("proposal.conflict.useTheirs"), click -> {
                text.setValue(theirText);
                hideConflict();
            });
            useTheirs.setId(text.getId().orElseThrow() + "-use-theirs");
            Button keepMine = new Button(getTranslation("proposal.conflict.keepMine"), click -> hideConflict());
            keepMine.setId(text.getId().orElseThrow() + "-keep-mine");
            keepMine.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            FlexLayout actions = new FlexLayout(useTheirs, keepMine);
            actions.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            actions.getStyle().set("gap", "var(--lumo-space-s)");
            conflict.add(explain, theirs, actions);
            conflict.setVisible(true);
        }

        void hideConflict() {
            conflict.setVisible(false);
            conflict.removeAll();
        }
    }
}
