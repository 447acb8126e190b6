package io.lecturelab.coursework.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import io.lecturelab.base.Markdown;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.coursework.DeadlineText;
import io.lecturelab.coursework.GradeView;
import io.lecturelab.coursework.GradingService;
import io.lecturelab.coursework.Regrade;
import io.lecturelab.lecture.ui.LectureContent;
import io.lecturelab.security.SignedInUser;

import java.time.Clock;
import java.time.ZoneId;

/**
 * A student's released grade: points, the late penalty, the final points and the feedback; and their regrade
 * requests, with a form while the window is open.
 */
class GradePanel extends Div {

    GradePanel(long courseId, long assignmentId, GradeView grade, ZoneId zone, Clock clock, GradingService grading,
               SignedInUser student, Runnable changed) {
        addClassName("cw-panel");
        setId("my-grade");
        add(new H3(getTranslation("grading.yourGrade")));
        Span points = new Span(getTranslation("grading.finalPoints", grade.finalPoints().toPlainString(),
                grade.outOf()));
        points.addClassName("cw-points");
        points.setId("my-grade-points");
        add(points);
        if (grade.penaltyPercent() > 0) {
            add(new Paragraph(getTranslation("grading.penaltyApplied", grade.points().toPlainString(),
                    grade.penaltyPercent())));
        }
        if (!grade.feedback().isBlank()) {
            Div feedback = new Div(new LectureContent(Markdown.toSafeHtml(grade.feedback())));
            feedback.setId("my-grade-feedback");
            feedback.addClassName("cw-feedback");
            add(feedback);
        }
        for (Regrade r : grade.regrades()) {
            Div line = new Div(new Span(getTranslation("grading.regradeAsked",
                    DeadlineText.at(r.requestedAt(), zone, getLocale()))), new Paragraph(r.reason()),
                    Texts.badge(getTranslation("grading.regradeStatus." + r.status()), r.open() ? "contrast"
                            : "success"));
            if (!r.answer().isEmpty()) {
                line.add(new Paragraph(getTranslation("grading.regradeAnswer", r.answer())));
            }
            line.addClassName("cw-card");
            add(line);
        }
        boolean windowOpen = grade.regradeUntil().map(until -> clock.instant().isBefore(until)).orElse(false);
        if (windowOpen && grade.regrades().stream().noneMatch(Regrade::open)) {
            TextArea reason = new TextArea(getTranslation("grading.regradeReason"));
            reason.setHelperText(getTranslation("grading.regradeHelp",
                    DeadlineText.at(grade.regradeUntil().orElseThrow(), zone, getLocale())));
            reason.setMaxLength(2000);
            reason.setWidthFull();
            reason.setId("regrade-reason");
            Button ask = new Button(getTranslation("grading.regradeAsk"), e -> {
                try {
                    grading.requestRegrade(courseId, assignmentId, reason.getValue(), student);
                    Notifications.success(getTranslation("grading.regradeSent"));
                    changed.run();
                } catch (UserFacingException refusal) {
                    Notifications.error(refusal);
                }
            });
            ask.setId("regrade-ask");
            add(reason, ask);
        }
    }
}
