package io.lecturelab.coursework.paper.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
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
import io.lecturelab.coursework.paper.MatchingTable;
import io.lecturelab.coursework.paper.PaperDemand;
import io.lecturelab.coursework.paper.PaperDraft;
import io.lecturelab.coursework.paper.PaperService;
import io.lecturelab.coursework.paper.PaperSettings;
import io.lecturelab.coursework.paper.PaperSummary;
import io.lecturelab.coursework.paper.PapersOverview;
import io.lecturelab.coursework.paper.ReviewAssignment;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ui.CurrentUser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The course's papers for review. Everyone sees the list; students rank papers and, once published, see their own
 * paper and a link to its review; staff keep the list and see how often each paper was ranked; the instructor sets the
 * cap, runs the assignment, moves students by hand and publishes. What each may do is decided by {@link PaperService}.
 */
@Route(value = CourseRoutes.PREFIX + "/papers", layout = MainLayout.class)
@RequiresCourseRole
public class PapersView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final PaperService papers;
    private final CurrentUser currentUser;
    private long courseId;
    private PapersOverview overview;
    /** The card part that shows an edit form or a removal question; one at a time, so element ids stay unique. */
    private Div openEditor;

    public PapersView(PaperService papers, CurrentUser currentUser) {
        this.papers = papers;
        this.currentUser = currentUser;
        addClassName("page");
        addClassName("papers-page");
        getStyle().set("max-width", "70rem");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        show(CourseRoutes.courseId(event.getRouteParameters()).orElseThrow());
    }

    void show(long course) {
        courseId = course;
        refresh();
    }

    private void refresh() {
        removeAll();
        add(new H2(getTranslation("paper.heading")));
        try {
            overview = papers.overview(courseId, user());
        } catch (UserFacingException refusal) {
            add(new Paragraph(Notifications.describe(refusal)));
            return;
        }
        add(new Paragraph(getTranslation("paper.intro")));
        if (overview.student()) {
            add(studentPart());
        }
        add(new H3(getTranslation("paper.list.heading")), paperList());
        if (overview.staff()) {
            add(new H3(getTranslation("paper.add.heading")), paperForm(Optional.empty(), null));
            add(assignmentPart());
        }
    }

    // --- students ------------------------------------------------------------------------------------------------

    private Component studentPart() {
        Div part = new Div();
        part.setWidthFull();
        if (overview.published()) {
            part.add(new H3(getTranslation("paper.mine.heading")));
            Optional<PaperSummary> mine = overview.myPaper();
            if (mine.isEmpty()) {
                Paragraph none = new Paragraph(getTranslation("paper.mine.notAssigned"));
                none.setId("paper-mine");
                part.add(none);
                return part;
            }
            Div card = card(mine.get());
            card.setId("paper-mine");
            part.add(card);
            for (ReviewAssignment review : overview.reviews()) {
                RouterLink link = new RouterLink(getTranslation("paper.review.link", review.title()), ReviewView.class,
                        ReviewView.parameters(courseId, review.id()));
                link.setId("review-link-" + review.id());
                part.add(new Paragraph(link));
            }
            return part;
        }
        part.add(new H3(getTranslation("paper.ranking.heading")));
        if (overview.papers().isEmpty()) {
            part.add(new Paragraph(getTranslation("paper.none")));
            return part;
        }
        int choices = Math.min(overview.settings().choices(), overview.papers().size());
        part.add(new Paragraph(getTranslation("paper.ranking.help", choices)));
        Map<Long, PaperSummary> byId = overview.papers().stream()
                .collect(Collectors.toMap(PaperSummary::id, Function.identity()));
        List<Select<PaperSummary>> ranks = new ArrayList<>();
        FormLayout form = new FormLayout();
        for (int rank = 1; rank <= choices; rank++) {
            Select<PaperSummary> select = new Select<>();
            select.setLabel(getTranslation("paper.rank", rank));
            select.setId("paper-rank-" + rank);
            select.setItems(overview.papers());
            select.setItemLabelGenerator(p -> p == null ? getTranslation("paper.rank.none") : p.title());
            select.setEmptySelectionAllowed(true);
            select.setEmptySelectionCaption(getTranslation("paper.rank.none"));
            if (overview.myRanking().size() >= rank) {
                select.setValue(byId.get(overview.myRanking().get(rank - 1)));
            }
            ranks.add(select);
            form.add(select);
        }
        Button save = new Button(getTranslation("paper.ranking.save"), click -> {
            try {
                papers.rank(courseId, ranks.stream().map(Select::getValue).filter(Objects::nonNull)
                        .map(PaperSummary::id).toList(), user());
                Notifications.success(getTranslation("paper.ranking.saved"));
                refresh();
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("paper-rank-save");
        part.add(form, save);
        return part;
    }

    // --- the list ------------------------------------------------------------------------------------------------

    private Component paperList() {
        Div list = new Div();
        list.setId("paper-list");
        list.setWidthFull();
        if (overview.papers().isEmpty()) {
            list.add(new Paragraph(getTranslation("paper.none")));
            return list;
        }
        for (PaperSummary paper : overview.papers()) {
            Div card = card(paper);
            card.setId("paper-" + paper.id());
            if (overview.staff()) {
                Span demand = new Span(demandText(overview.demand().get(paper.id())));
                demand.setId("paper-demand-" + paper.id());
                Div editor = new Div();
                editor.setWidthFull();
                Button edit = new Button(getTranslation("paper.edit"), VaadinIcon.EDIT.create());
                edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
                edit.setId("paper-edit-" + paper.id());
                edit.setAriaLabel(getTranslation("paper.edit.label", paper.title()));
                edit.addClickListener(click -> {
                    openIn(editor);
                    editor.add(new H4(getTranslation("paper.edit.heading")), paperForm(Optional.of(paper),
                            () -> editor.removeAll()));
                });
                Button remove = new Button(getTranslation("paper.remove"), VaadinIcon.TRASH.create());
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
                remove.setId("paper-remove-" + paper.id());
                remove.setAriaLabel(getTranslation("paper.remove.label", paper.title()));
                remove.addClickListener(click -> {
                    openIn(editor);
                    editor.add(removeConfirmation(paper, () -> editor.removeAll()));
                });
                HorizontalLayout actions = new HorizontalLayout(edit, remove);
                actions.setWrap(true);
                card.add(new Paragraph(demand), actions, editor);
            }
            list.add(card);
        }
        return list;
    }

    private void openIn(Div editor) {
        if (openEditor != null) {
            openEditor.removeAll();
        }
        editor.removeAll();
        openEditor = editor;
    }

    private Div card(PaperSummary paper) {
        Div card = new Div();
        card.addClassName("paper-card");
        card.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("margin-bottom", "var(--lumo-space-s)")
                .set("box-sizing", "border-box")
                .set("overflow-wrap", "anywhere");
        Component title;
        if (paper.url().isBlank()) {
            title = new Span(paper.title());
        } else {
            Anchor link = new Anchor(paper.url(), paper.title(), AnchorTarget.BLANK);
            link.getElement().setAttribute("rel", "noopener noreferrer");
            title = link;
        }
        Div heading = new Div(title);
        heading.getStyle().set("font-weight", "600");
        card.add(heading);
        String byline = String.join(" · ", List.of(paper.authors(), paper.venue()).stream()
                .filter(s -> !s.isBlank()).toList());
        if (!byline.isEmpty()) {
            Div meta = new Div(new Span(byline));
            meta.getStyle().set("color", "var(--lumo-secondary-text-color)");
            card.add(meta);
        }
        return card;
    }

    private String demandText(PaperDemand demand) {
        if (demand == null || demand.total() == 0) {
            return getTranslation("paper.demand.none");
        }
        List<String> parts = new ArrayList<>();
        for (int rank = 1; rank <= demand.byRank().size(); rank++) {
            int count = demand.byRank().get(rank - 1);
            if (count > 0) {
                parts.add(getTranslation("paper.demand.rank", rank, count));
            }
        }
        return getTranslation("paper.demand", demand.total(), String.join(", ", parts));
    }

    // --- editing papers (staff) ----------------------------------------------------------------------------------

    /** The form to add a paper, or inside its card to edit one ({@code close} hides it again). */
    private Component paperForm(Optional<PaperSummary> editing, Runnable close) {
        String prefix = editing.isPresent() ? "paper-edit-" : "paper-";
        TextField title = new TextField(getTranslation("paper.field.title"));
        title.setId(prefix + "title");
        title.setMaxLength(300);
        title.setRequiredIndicatorVisible(true);
        TextField authors = new TextField(getTranslation("paper.field.authors"));
        authors.setId(prefix + "authors");
        authors.setMaxLength(500);
        TextField venue = new TextField(getTranslation("paper.field.venue"));
        venue.setId(prefix + "venue");
        venue.setMaxLength(200);
        TextField link = new TextField(getTranslation("paper.field.link"));
        link.setId(prefix + "link");
        link.setHelperText(getTranslation("paper.field.linkHelp"));
        link.setMaxLength(500);
        editing.ifPresent(p -> {
            title.setValue(p.title());
            authors.setValue(p.authors());
            venue.setValue(p.venue());
            link.setValue(p.url());
        });
        Button save = new Button(getTranslation(editing.isPresent() ? "action.save" : "paper.add"), click -> {
            PaperDraft draft = new PaperDraft(title.getValue(), authors.getValue(), venue.getValue(),
                    link.getValue());
            try {
                if (editing.isPresent()) {
                    PaperSummary saved = papers.updatePaper(courseId, editing.get().id(), draft, user());
                    Notifications.success(getTranslation("paper.saved", saved.title()));
                } else {
                    papers.addPaper(courseId, draft, user());
                    Notifications.success(getTranslation("paper.added", draft.title().strip()));
                }
                refresh();
            } catch (UserFacingException refusal) {
                // what was typed stays in the form
                Notifications.error(refusal);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId(editing.isPresent() ? "paper-edit-save" : "paper-add");
        FormLayout form = new FormLayout(title, authors, venue, link);
        form.setColspan(title, 2);
        HorizontalLayout actions = new HorizontalLayout(save);
        if (close != null) {
            Button cancel = new Button(getTranslation("paper.cancel"), click -> close.run());
            cancel.setId("paper-edit-cancel");
            actions.add(cancel);
        }
        VerticalLayout box = new VerticalLayout(form, actions);
        box.setPadding(false);
        return box;
    }

    private Component removeConfirmation(PaperSummary paper, Runnable close) {
        Button remove = new Button(getTranslation("paper.remove"), click -> {
            try {
                papers.removePaper(courseId, paper.id(), user());
                Notifications.success(getTranslation("paper.removed", paper.title()));
                refresh();
            } catch (UserFacingException refusal) {
                close.run();
                Notifications.error(refusal);
            }
        });
        remove.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        remove.setId("paper-remove-confirm");
        Button cancel = new Button(getTranslation("paper.cancel"), click -> close.run());
        cancel.setId("paper-remove-cancel");
        HorizontalLayout actions = new HorizontalLayout(remove, cancel);
        actions.setWrap(true);
        return new Div(new Paragraph(getTranslation("paper.remove.confirm", paper.title())), actions);
    }

    // --- the assignment (staff; the instructor changes it) -------------------------------------------------------

    private Component assignmentPart() {
        Div part = new Div();
        part.setWidthFull();
        part.add(new H3(getTranslation("paper.settings.heading")));
        Paragraph status = new Paragraph(overview.published() ? getTranslation("paper.status.published")
                : overview.computed() ? getTranslation("paper.status.computed") : getTranslation("paper.result.none"));
        status.setId("paper-status");
        part.add(status);
        PaperSettings settings = overview.settings();
        Paragraph places = new Paragraph(getTranslation("paper.settings.places", overview.students(),
                overview.papers().size(), settings.capPerPaper(),
                (long) overview.papers().size() * settings.capPerPaper()));
        places.setId("paper-places");
        if (overview.instructor()) {
            IntegerField cap = new IntegerField(getTranslation("paper.settings.cap"));
            cap.setId("paper-cap");
            cap.setMin(1);
            cap.setMax(PaperSettings.MAX_CAP);
            cap.setStepButtonsVisible(true);
            cap.setValue(settings.capPerPaper());
            IntegerField choices = new IntegerField(getTranslation("paper.settings.choices"));
            choices.setId("paper-choices");
            choices.setMin(1);
            choices.setMax(PaperSettings.MAX_CHOICES);
            choices.setStepButtonsVisible(true);
            choices.setValue(settings.choices());
            Button save = new Button(getTranslation("paper.settings.save"), click -> {
                try {
                    papers.updateSettings(courseId, new PaperSettings(cap.getValue() == null ? 0 : cap.getValue(),
                            choices.getValue() == null ? 0 : choices.getValue()), user());
                    Notifications.success(getTranslation("paper.settings.saved"));
                    refresh();
                } catch (UserFacingException refusal) {
                    Notifications.error(refusal);
                }
            });
            save.setId("paper-settings-save");
            FlexLayout fields = new FlexLayout(cap, choices, save);
            fields.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            fields.setAlignItems(FlexComponent.Alignment.BASELINE);
            fields.getStyle().set("gap", "var(--lumo-space-m)");
            part.add(fields, places);

            Button run = new Button(getTranslation("paper.run"), VaadinIcon.PLAY.create(), click -> {
                try {
                    MatchingTable table = papers.runMatching(courseId, user());
                    Notifications.success(getTranslation("paper.run.done", table.rows().size() - table.rows()
                            .stream().filter(r -> r.choice().isEmpty()).count(), table.rows().size()));
                    refresh();
                } catch (UserFacingException refusal) {
                    Notifications.error(refusal);
                }
            });
            run.setId("paper-run");
            run.setEnabled(!overview.published());
            Div confirmation = new Div();
            confirmation.setWidthFull();
            Button publish = new Button(getTranslation("paper.publish"), VaadinIcon.EYE.create(),
                    click -> publishConfirmation(confirmation));
            publish.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            publish.setId("paper-publish");
            publish.setEnabled(overview.computed() && !overview.published());
            HorizontalLayout actions = new HorizontalLayout(run, publish);
            actions.setWrap(true);
            part.add(actions, confirmation);
        } else {
            part.add(places);
        }
        part.add(new H3(getTranslation("paper.result.heading")), resultTable());
        return part;
    }

    private Component resultTable() {
        MatchingTable table = papers.matching(courseId, user());
        Map<Long, PaperSummary> byId = overview.papers().stream()
                .collect(Collectors.toMap(PaperSummary::id, Function.identity()));
        Div box = new Div();
        box.setWidthFull();
        if (table.rows().stream().allMatch(r -> r.paperId().isEmpty())) {
            box.add(new Paragraph(getTranslation("paper.result.none")));
            return box;
        }
        long satisfied = table.rows().stream().filter(r -> r.choice().isPresent()).count();
        long later = satisfied - table.withChoice(1) - table.withChoice(2);
        Paragraph summary = new Paragraph(getTranslation("paper.result.summary", satisfied, table.rows().size(),
                table.withChoice(1), table.withChoice(2), later, table.unassigned()));
        summary.setId("paper-result-summary");
        Grid<MatchingTable.Row> grid = new Grid<>();
        grid.setId("paper-result");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        grid.addColumn(r -> r.name() + " (" + r.username() + ")").setHeader(getTranslation("paper.result.student"))
                .setFlexGrow(2).setResizable(true);
        grid.addColumn(r -> r.paperId().map(byId::get).map(PaperSummary::title)
                        .orElseGet(() -> getTranslation("paper.result.unassigned")))
                .setHeader(getTranslation("paper.result.paper")).setFlexGrow(3).setResizable(true);
        grid.addColumn(r -> (r.choice().isPresent() ? getTranslation("paper.result.choice.rank",
                        r.choice().getAsInt()) : getTranslation("paper.result.choice.none"))
                        + (r.byHand() ? " · " + getTranslation("paper.result.byHand") : ""))
                .setHeader(getTranslation("paper.result.choice")).setFlexGrow(1);
        grid.setItems(table.rows());
        if (table.rows().size() <= 25) {
            grid.setAllRowsVisible(true);
        } else {
            grid.setHeight("32rem");
        }
        box.add(summary, grid);
        if (overview.instructor()) {
            box.add(movePanel(table, byId, grid));
        }
        return box;
    }

    /** Moving one student by hand: pick the student (or their row) and the paper; a full paper asks again. */
    private Component movePanel(MatchingTable table, Map<Long, PaperSummary> byId, Grid<MatchingTable.Row> grid) {
        Select<MatchingTable.Row> student = new Select<>();
        student.setLabel(getTranslation("paper.result.student"));
        student.setId("paper-move-student");
        student.setItems(table.rows());
        student.setItemLabelGenerator(r -> r == null ? "" : r.name() + " (" + r.username() + ")");
        Select<PaperSummary> to = new Select<>();
        to.setLabel(getTranslation("paper.move.to"));
        to.setId("paper-move-to");
        to.setItems(overview.papers());
        to.setItemLabelGenerator(p -> p == null ? "" : getTranslation("paper.result.load", p.title(),
                table.load().getOrDefault(p.id(), 0), table.capPerPaper()));
        Paragraph warning = new Paragraph();
        warning.setId("paper-move-warning");
        warning.setVisible(false);
        Button anyway = new Button(getTranslation("paper.move.anyway"));
        anyway.setId("paper-move-anyway");
        anyway.addThemeVariants(ButtonVariant.LUMO_ERROR);
        anyway.setVisible(false);
        Button move = new Button(getTranslation("paper.move"));
        move.setId("paper-move-save");
        move.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        move.addClickListener(click -> doMove(student.getValue(), to.getValue(), false, warning, anyway));
        anyway.addClickListener(click -> doMove(student.getValue(), to.getValue(), true, warning, anyway));
        student.addValueChangeListener(change -> {
            warning.setVisible(false);
            anyway.setVisible(false);
            if (change.getValue() != null) {
                change.getValue().paperId().map(byId::get).ifPresent(to::setValue);
            }
        });
        to.addValueChangeListener(change -> {
            warning.setVisible(false);
            anyway.setVisible(false);
        });
        grid.addItemClickListener(click -> student.setValue(click.getItem()));
        FlexLayout fields = new FlexLayout(student, to, move, anyway);
        fields.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        fields.setAlignItems(FlexComponent.Alignment.BASELINE);
        fields.getStyle().set("gap", "var(--lumo-space-m)");
        return new Div(new H4(getTranslation("paper.move.heading")), fields, warning);
    }

    private void doMove(MatchingTable.Row row, PaperSummary paper, boolean overCap, Paragraph warning,
                        Button anyway) {
        if (row == null || paper == null) {
            return;
        }
        try {
            papers.move(courseId, row.userId(), paper.id(), overCap, user());
            Notifications.success(getTranslation("paper.move.done", row.name(), paper.title()));
            refresh();
        } catch (UserFacingException refusal) {
            if ("paper.error.full".equals(refusal.messageKey())) {
                warning.setText(getTranslation("paper.move.overCap", refusal.arguments()));
                warning.setVisible(true);
                anyway.setVisible(true);
            } else {
                Notifications.error(refusal);
            }
        }
    }

    private void publishConfirmation(Div holder) {
        holder.removeAll();
        Button publish = new Button(getTranslation("paper.publish"), click -> {
            try {
                papers.publish(courseId, user());
                Notifications.success(getTranslation("paper.publish.done"));
                refresh();
            } catch (UserFacingException refusal) {
                holder.removeAll();
                Notifications.error(refusal);
            }
        });
        publish.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        publish.setId("paper-publish-confirm");
        Button cancel = new Button(getTranslation("paper.cancel"), click -> holder.removeAll());
        cancel.setId("paper-publish-cancel");
        HorizontalLayout actions = new HorizontalLayout(publish, cancel);
        actions.setWrap(true);
        holder.add(new Paragraph(getTranslation("paper.publish.confirm")), actions);
    }

    private SignedInUser user() {
        return currentUser.require();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("paper.heading");
    }
}
