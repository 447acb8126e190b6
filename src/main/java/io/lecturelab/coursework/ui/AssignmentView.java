package io.lecturelab.coursework.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.lecturelab.base.Markdown;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.base.ui.ViewerZone;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.coursework.AssignmentDetails;
import io.lecturelab.coursework.AssignmentKind;
import io.lecturelab.coursework.AssignmentService;
import io.lecturelab.coursework.GradingService;
import io.lecturelab.coursework.SubmissionService;
import io.lecturelab.coursework.WorkDetails;
import io.lecturelab.lecture.ui.LectureContent;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ui.CurrentUser;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One assignment: its instructions and the viewer's deadline; for a student, the hand-in (or the way to the review
 * or proposal page), every version handed in with its receipt, and the grade once released; for staff, the editor,
 * extensions and the way to the submissions.
 */
@Route(value = CourseRoutes.PREFIX + "/assignments/:" + AssignmentView.ASSIGNMENT_ID + "([0-9]{1,18})",
        layout = MainLayout.class)
@RequiresCourseRole
@CssImport("./styles/coursework.css")
public class AssignmentView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String ASSIGNMENT_ID = "assignmentId";

    private final AssignmentService assignments;
    private final SubmissionService submissions;
    private final GradingService grading;
    private final CurrentUser currentUser;
    private final Clock clock;
    private long courseId;
    private long assignmentId;
    private String pageTitle = "";
    private Optional<ZoneId> viewerZone = Optional.empty();

    public AssignmentView(AssignmentService assignments, SubmissionService submissions, GradingService grading,
                          CurrentUser currentUser, Clock clock) {
        this.assignments = assignments;
        this.submissions = submissions;
        this.grading = grading;
        this.currentUser = currentUser;
        this.clock = clock;
        addClassName("page");
    }

    public static RouteParameters route(long courseId, long assignmentId) {
        return new RouteParameters(java.util.Map.of(CourseRoutes.COURSE_ID, Long.toString(courseId), ASSIGNMENT_ID,
                Long.toString(assignmentId)));
    }

    static Optional<Long> assignmentId(BeforeEnterEvent event) {
        return event.getRouteParameters().get(ASSIGNMENT_ID).filter(v -> v.matches("[0-9]{1,18}"))
                .map(Long::parseLong);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        assignmentId = assignmentId(event).orElseThrow();
        show();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        ViewerZone.ask(event.getUI(), zone -> {
            viewerZone = zone;
            if (assignmentId != 0) {
                show();
            }
        });
    }

    private void show() {
        SignedInUser viewer = currentUser.require();
        AssignmentDetails a = assignments.assignment(courseId, assignmentId, viewer);
        pageTitle = a.title();
        removeAll();
        add(new RouterLink(getTranslation("assignment.back"), AssignmentsView.class, CourseRoutes.of(courseId)));
        add(new H2(a.title()));
        Div facts = new Div(Texts.badge(Texts.kind(this, a.kind()), "contrast"),
                new Span(getTranslation("assignment.points", a.draft().points())));
        if (!a.draft().published()) {
            facts.add(Texts.badge(getTranslation("assignment.unpublished"), "error"));
        }
        facts.addClassName("cw-facts");
        Div deadline = new Div(new Paragraph(Texts.due(this, a.deadline(), a.courseZone(), viewerZone)),
                new Paragraph(Texts.cutoff(this, a.deadline(), a.courseZone())),
                new Paragraph(a.draft().latePenaltyPercent() == 0 ? getTranslation("assignment.lateFlagged")
                        : getTranslation("assignment.latePenalty", a.draft().latePenaltyPercent())),
                new Paragraph(getTranslation("assignment.minuteMeaning")));
        Span left = new Span(Texts.timeLeft(this, a.deadline(), clock.instant()));
        left.setId("assignment-time-left");
        deadline.add(left);
        deadline.setId("assignment-deadline");
        deadline.addClassName("cw-deadline");
        add(facts, deadline);
        if (!a.draft().instructions().isBlank()) {
            LectureContent instructions = new LectureContent(Markdown.toSafeHtml(a.draft().instructions()));
            instructions.setId("assignment-instructions-text");
            add(instructions);
        }
        if (!a.draft().rubric().items().isEmpty()) {
            Div rubric = new Div(new H3(getTranslation("assignment.rubric")));
            a.draft().rubric().items().forEach(i -> rubric.add(new Paragraph(getTranslation("assignment.rubricItem",
                    i.points(), i.description()))));
            add(rubric);
        }
        if (a.staff()) {
            staffPart(a, viewer);
        } else {
            studentPart(a, viewer);
        }
    }

    private void studentPart(AssignmentDetails a, SignedInUser student) {
        if (a.deadline().isClosed(clock.instant())) {
            Paragraph closed = new Paragraph(getTranslation("submission.error.closed"));
            closed.setId("handin-closed");
            add(closed);
        } else if (a.kind() == AssignmentKind.HOMEWORK) {
            add(new HandInPanel(courseId, assignmentId, submissions, student, receipt -> show()));
        } else if (a.kind() == AssignmentKind.PAPER_REVIEW) {
            add(pageLink("submission.writeReview", "courses/" + courseId + "/assignments/" + assignmentId
                    + "/review", "review-link"));
        } else {
            if (a.teamId().isEmpty()) {
                add(new Paragraph(getTranslation("submission.error.noTeam")));
            }
            add(pageLink("submission.openProposal", "courses/" + courseId + "/teams/proposal", "proposal-link"));
        }
        Optional<WorkDetails> work;
        try {
            work = grading.myWork(courseId, assignmentId, student);
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
            work = Optional.empty();
        }
        work.flatMap(WorkDetails::grade).ifPresent(g -> add(new GradePanel(courseId, assignmentId, g,
                a.courseZone(), clock, grading, student, this::show)));
        add(new VersionList("submission.versions", courseId, work.map(WorkDetails::versions).orElse(List.of()),
                a.courseZone(), submissions, student, null));
    }

    private void staffPart(AssignmentDetails a, SignedInUser staff) {
        RouterLink grade = new RouterLink(getTranslation("grading.open"), SubmissionsView.class,
                route(courseId, assignmentId));
        grade.setId("assignment-submissions-link");
        grade.addClassName("cw-action-link");
        add(grade);
        Details edit = new Details(getTranslation("assignment.edit"), new AssignmentForm(a.courseZone(),
                Optional.of(a.draft()), draft -> {
                    assignments.update(courseId, assignmentId, draft, currentUser.require());
                    Notifications.success(getTranslation("assignment.saved"));
                    show();
                }));
        edit.setId("assignment-edit");
        edit.addClassName("cw-panel");
        Details extensions = new Details(getTranslation("assignment.extensions"),
                new ExtensionsPanel(courseId, assignmentId, a.courseZone(), assignments, grading, staff));
        extensions.addClassName("cw-panel");
        add(edit, extensions);
    }

    private Anchor pageLink(String key, String href, String id) {
        Anchor link = new Anchor(href, getTranslation(key));
        link.setId(id);
        link.addClassName("cw-action-link");
        return link;
    }

    @Override
    public String getPageTitle() {
        return pageTitle;
    }
}
