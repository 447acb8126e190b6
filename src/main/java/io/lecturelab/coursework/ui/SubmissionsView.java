package io.lecturelab.coursework.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.coursework.AssignmentDetails;
import io.lecturelab.coursework.AssignmentService;
import io.lecturelab.coursework.DeadlineText;
import io.lecturelab.coursework.GradeForm;
import io.lecturelab.coursework.GradeView;
import io.lecturelab.coursework.GradingService;
import io.lecturelab.coursework.Owner;
import io.lecturelab.coursework.ReceiptFile;
import io.lecturelab.coursework.Regrade;
import io.lecturelab.coursework.Rubric;
import io.lecturelab.coursework.SubmissionRow;
import io.lecturelab.coursework.SubmissionService;
import io.lecturelab.coursework.SubmittedFile;
import io.lecturelab.coursework.notebook.NotebookRenderer;
import io.lecturelab.coursework.notebook.RenderedNotebook;
import io.lecturelab.coursework.notebook.ui.NotebookPanel;
import io.lecturelab.coursework.WorkDetails;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ui.CurrentUser;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Staff grade an assignment: every student's (or team's) latest work in a grid with its status, late flag,
 * version and grader; one opens below with every version, its files and the grade form (points or rubric items,
 * feedback). Grades reach students only when released. All files download as one zip.
 */
@Route(value = CourseRoutes.PREFIX + "/assignments/:" + AssignmentView.ASSIGNMENT_ID
        + "([0-9]{1,18})/submissions", layout = MainLayout.class)
@RequiresCourseRole({CourseRole.TA, CourseRole.INSTRUCTOR})
@CssImport("./styles/coursework.css")
public class SubmissionsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final AssignmentService assignments;
    private final SubmissionService submissions;
    private final GradingService grading;
    private final CurrentUser currentUser;
    private final Grid<SubmissionRow> grid = new Grid<>();
    private final Div detail = new Div();
    private final Span summary = new Span();
    private final Div notebook = new Div();
    private long courseId;
    private long assignmentId;
    private AssignmentDetails assignment;
    private String pageTitle = "";

    public SubmissionsView(AssignmentService assignments, SubmissionService submissions, GradingService grading,
                           CurrentUser currentUser) {
        this.assignments = assignments;
        this.submissions = submissions;
        this.grading = grading;
        this.currentUser = currentUser;
        addClassName("page");
        grid.setId("submissions-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(SubmissionRow::name).setHeader(getTranslation("grading.col.name")).setAutoWidth(true)
                .setFrozen(true);
        grid.addColumn(SubmissionRow::number).setHeader(getTranslation("grading.col.number")).setAutoWidth(true);
        grid.addComponentColumn(r -> Texts.badge(getTranslation("grading.status." + r.status()),
                        switch (r.status()) {
                            case "RELEASED" -> "success";
                            case "GRADED" -> "contrast";
                            case "SUBMITTED" -> "";
                            default -> "error";
                        }))
                .setHeader(getTranslation("grading.col.status")).setAutoWidth(true);
        grid.addColumn(r -> r.version().map(String::valueOf).orElse("—"))
                .setHeader(getTranslation("grading.col.version")).setTextAlign(ColumnTextAlign.END);
        grid.addColumn(r -> (r.late() ? getTranslation("grading.late") : "")
                        + (r.extended() ? " " + getTranslation("grading.extended") : ""))
                .setHeader(getTranslation("grading.col.late")).setAutoWidth(true);
        grid.addColumn(r -> r.finalPoints().map(BigDecimal::toPlainString).orElse("—"))
                .setHeader(getTranslation("grading.col.points")).setTextAlign(ColumnTextAlign.END);
        grid.addColumn(r -> r.graderName() + (r.regradeOpen() ? " · " + getTranslation("grading.regradeOpen") : ""))
                .setHeader(getTranslation("grading.col.grader")).setAutoWidth(true);
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(r -> {
            open(r.owner());
            getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null,
                    "courses/" + courseId + "/assignments/" + assignmentId + "/submissions?owner="
                            + r.owner().key()));
        }));
        detail.setId("submission-detail");
        detail.addClassName("cw-detail");
        summary.setId("submissions-summary");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        assignmentId = AssignmentView.assignmentId(event).orElseThrow();
        SignedInUser staff = currentUser.require();
        assignment = assignments.assignment(courseId, assignmentId, staff);
        pageTitle = getTranslation("grading.heading", assignment.title());
        removeAll();
        add(new RouterLink(getTranslation("grading.back"), AssignmentView.class,
                AssignmentView.route(courseId, assignmentId)));
        add(new H2(pageTitle));
        SignedInUser user = currentUser.require();
        // written into the response as it is made: the zip never sits in memory or on disk
        DownloadHandler zipDownload = download -> {
            download.setFileName(grading.zipName(courseId, assignmentId, user));
            download.setContentType("application/zip");
            grading.writeZip(courseId, assignmentId, user, download.getOutputStream());
        };
        Anchor zip = new Anchor(zipDownload, getTranslation("grading.zip"));
        zip.setDownload(true);
        zip.setId("submissions-zip");
        zip.addClassName("cw-action-link");
        Button release = new Button(getTranslation("grading.release"), VaadinIcon.EYE.create(), e -> {
            int n = grading.release(courseId, assignmentId, currentUser.require());
            Notifications.success(getTranslation("grading.released", n));
            refresh();
        });
        release.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        release.setId("grades-release");
        Div actions = new Div(zip, release, summary);
        actions.addClassName("cw-facts");
        Div gridBox = new Div(grid);
        gridBox.addClassName("cw-grid-box");
        add(actions, gridBox, detail);
        refresh();
        event.getLocation().getQueryParameters().getSingleParameter("owner").flatMap(Owner::parse)
                .ifPresent(this::open);
    }

    private void refresh() {
        List<SubmissionRow> rows = grading.overview(courseId, assignmentId, currentUser.require());
        grid.setItems(rows);
        long handedIn = rows.stream().filter(r -> r.version().isPresent()).count();
        long graded = rows.stream().filter(r -> r.finalPoints().isPresent()).count();
        long released = rows.stream().filter(r -> "RELEASED".equals(r.status())).count();
        summary.setText(getTranslation("grading.summary", rows.size(), handedIn, graded, released));
    }

    private void open(Owner owner) {
        detail.removeAll();
        notebook.removeAll();
        WorkDetails work;
        try {
            work = grading.work(courseId, assignmentId, owner, currentUser.require());
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
            return;
        }
        H3 heading = new H3(work.name());
        heading.setId("submission-detail-name");
        detail.add(heading);
        if (work.deadline().extended()) {
            detail.add(new Paragraph(Texts.due(this, work.deadline(), assignment.courseZone(), Optional.empty())));
        }
        detail.add(gradeForm(owner, work.grade()));
        detail.add(notebook);
        detail.add(new VersionList("submission.versionsOfStudent", courseId, work.versions(),
                assignment.courseZone(), submissions, currentUser.require(), this::readButton));
    }

    /** "Read" beside a notebook: renders it in the page, outputs inert, without downloading it. */
    private Component readButton(ReceiptFile file) {
        if (!file.name().toLowerCase(Locale.ROOT).endsWith(".ipynb")) {
            return null;
        }
        Button read = new Button(getTranslation("grading.readNotebook"), VaadinIcon.BOOK.create(), e -> {
            try {
                SubmittedFile f = submissions.file(courseId, file.id(), currentUser.require());
                RenderedNotebook rendered;
                try (var in = f.content()) {
                    rendered = new NotebookRenderer(NotebookPanel.texts(this)).render(in);
                }
                notebook.removeAll();
                H3 title = new H3(file.name());
                NotebookPanel panel = new NotebookPanel(rendered);
                panel.setId("notebook-view");
                notebook.add(title, panel);
                title.scrollIntoView();
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            } catch (java.io.IOException broken) {
                Notifications.error(getTranslation("grading.notebookUnreadable"));
            }
        });
        read.addThemeVariants(ButtonVariant.LUMO_SMALL);
        read.setId("read-" + file.id());
        return read;
    }

    private Component gradeForm(Owner owner, Optional<GradeView> existing) {
        Div form = new Div();
        form.addClassName("cw-panel");
        form.setId("grade-form");
        form.add(new H3(getTranslation("grading.grade")));
        Rubric rubric = assignment.draft().rubric();
        List<BigDecimalField> items = new ArrayList<>();
        BigDecimalField points = new BigDecimalField(getTranslation("grading.pointsLabel",
                assignment.draft().points()));
        points.setId("grade-points");
        if (rubric.items().isEmpty()) {
            existing.map(GradeView::points).ifPresent(points::setValue);
            form.add(points);
        } else {
            for (int i = 0; i < rubric.items().size(); i++) {
                Rubric.Item item = rubric.items().get(i);
                BigDecimalField field = new BigDecimalField(getTranslation("grading.rubricItemLabel", item.points(),
                        item.description()));
                field.setId("grade-rubric-" + (i + 1));
                int index = i;
                existing.filter(g -> g.rubricPoints().size() > index)
                        .ifPresent(g -> field.setValue(g.rubricPoints().get(index)));
                items.add(field);
                form.add(field);
            }
        }
        TextArea feedback = new TextArea(getTranslation("grading.feedback"));
        feedback.setHelperText(getTranslation("grading.feedbackHelp"));
        feedback.setWidthFull();
        feedback.setMinHeight("8em");
        feedback.setId("grade-feedback");
        existing.map(GradeView::feedback).ifPresent(feedback::setValue);
        existing.ifPresent(g -> form.add(new Paragraph(gradeState(g))));
        Button save = new Button(getTranslation("grading.save"), e -> {
            try {
                GradeView saved = grading.saveGrade(courseId, assignmentId, owner, new GradeForm(points.getValue(),
                        items.stream().map(BigDecimalField::getValue).toList(), feedback.getValue(),
                        existing.map(GradeView::version).orElse(0)), currentUser.require());
                Notifications.success(getTranslation("grading.saved", saved.finalPoints().toPlainString()));
                refresh();
                open(owner);
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("grade-save");
        form.add(feedback, save);
        existing.ifPresent(g -> g.regrades().forEach(r -> form.add(regrade(r))));
        return form;
    }

    private String gradeState(GradeView g) {
        String state = g.released() ? getTranslation("grading.stateReleased", DeadlineText.at(g.releasedAt()
                .orElseThrow(), assignment.courseZone(), getLocale()))
                : getTranslation("grading.stateNotReleased");
        if (g.penaltyPercent() > 0) {
            state += " " + getTranslation("grading.penaltyApplied", g.points().toPlainString(), g.penaltyPercent());
        }
        return state + g.gradedVersion().map(v -> " " + getTranslation("grading.gradedVersion", v)).orElse("");
    }

    private Component regrade(Regrade r) {
        Div box = new Div(new Span(getTranslation("grading.regradeAsked", DeadlineText.at(r.requestedAt(),
                assignment.courseZone(), getLocale()))), new Paragraph(r.reason()),
                Texts.badge(getTranslation("grading.regradeStatus." + r.status()), r.open() ? "contrast" : "success"));
        box.addClassName("cw-card");
        if (!r.open()) {
            box.add(new Paragraph(getTranslation("grading.regradeAnswer", r.answer())));
            return box;
        }
        TextArea answer = new TextArea(getTranslation("grading.regradeAnswerLabel"));
        answer.setWidthFull();
        answer.setId("regrade-answer");
        Button accept = new Button(getTranslation("grading.regradeAccept"), e -> answer(r, true, answer.getValue()));
        accept.setId("regrade-accept");
        Button decline = new Button(getTranslation("grading.regradeDecline"), e -> answer(r, false,
                answer.getValue()));
        decline.setId("regrade-decline");
        box.add(answer, new Div(accept, decline));
        return box;
    }

    private void answer(Regrade r, boolean accepted, String text) {
        try {
            grading.answerRegrade(courseId, assignmentId, r.id(), accepted, text, currentUser.require());
            refresh();
            grid.getSelectedItems().stream().findFirst().ifPresent(row -> open(row.owner()));
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
    }

    @Override
    public String getPageTitle() {
        return pageTitle;
    }
}
