package io.lecturelab.gradebook.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.gradebook.GradebookService;
import io.lecturelab.gradebook.StudentRecord;
import io.lecturelab.gradebook.Standing;
import io.lecturelab.gradebook.WeightedTotal;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ui.CurrentUser;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A student's own grades: their items by category, each subtotal with how it was computed, the weighted total and
 * the categories it covers, what is not graded yet, and what they would need on one item for a total they aim at.
 */
@Route(value = CourseRoutes.PREFIX + "/grades", layout = MainLayout.class)
@RequiresCourseRole
@CssImport("./styles/gradebook.css")
public class GradesView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final GradebookService gradebook;
    private final CourseService courses;
    private final CurrentUser currentUser;
    private long courseId;

    public GradesView(GradebookService gradebook, CourseService courses, CurrentUser currentUser) {
        this.gradebook = gradebook;
        this.courses = courses;
        this.currentUser = currentUser;
        addClassName("page");
        addClassName("gb-page");
    }

    @Override
    public String getPageTitle() {
        return getTranslation("grades.title");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        SignedInUser user = currentUser.require();
        removeAll();
        add(new H2(getTranslation("grades.title")));
        if (courses.access(courseId, user).staff()) {
            add(new Paragraph(getTranslation("grades.staff")), new RouterLink(getTranslation("gradebook.title"),
                    GradebookView.class, CourseRoutes.of(courseId)));
            return;
        }
        StudentRecord record;
        try {
            record = gradebook.myRecord(courseId, user);
        } catch (UserFacingException refusal) {
            add(new Paragraph(Notifications.describe(refusal)));
            return;
        }
        add(total(record.standing()));
        if (record.categories().isEmpty()) {
            add(new Paragraph(getTranslation("grades.noLayout")));
            return;
        }
        for (int k = 0; k < record.categories().size(); k++) {
            add(part(record.categories().get(k), record.standing().subtotals().get(k)));
        }
        if (!record.itemsNotGradedYet().isEmpty()) {
            Section pending = new Section(new H3(getTranslation("grades.notGradedYet")));
            pending.setId("grades-pending");
            pending.addClassName("gb-card");
            UnorderedList list = new UnorderedList();
            record.itemsNotGradedYet().forEach(t -> list.add(new ListItem(t)));
            pending.add(list);
            add(pending);
        }
        add(whatIf(record));
    }

    private Section total(Standing standing) {
        Section box = new Section();
        box.setId("grades-total");
        box.addClassName("gb-card");
        box.addClassName("gb-total-card");
        if (standing.total().isEmpty()) {
            box.add(new H3(getTranslation("grades.noTotal")));
            return box;
        }
        box.add(new H3(getTranslation("grades.total", Marks.percent(standing.total().get()))));
        box.add(new Paragraph(getTranslation("gradebook.over", String.join(", ", standing.included()),
                Marks.number(standing.includedWeight()))));
        String terms = standing.subtotals().stream().filter(s -> s.percent().isPresent() && s.weight().signum() > 0)
                .map(s -> Marks.number(s.weight()) + " × " + Marks.percent(s.percent().get()))
                .collect(Collectors.joining(" + "));
        Paragraph how = new Paragraph(getTranslation("grades.totalHow", "(" + terms + ") ÷ "
                + Marks.number(standing.includedWeight()), Marks.percent(standing.total().get())));
        how.addClassName("gb-how");
        box.add(how);
        if (!standing.notGradedYet().isEmpty()) {
            box.add(new Paragraph(getTranslation("grades.leftOut", String.join(", ", standing.notGradedYet()))));
        }
        return box;
    }

    private Section part(StudentRecord.Part part, Standing.Subtotal subtotal) {
        Section box = new Section();
        box.addClassName("gb-card");
        box.setId("grades-category-" + part.categoryId());
        box.add(new H3(getTranslation("gradebook.sheet.category", part.name(), Marks.number(part.weight()))));
        UnorderedList list = new UnorderedList();
        list.addClassName("gb-lines");
        List<String> terms = new ArrayList<>();
        BigDecimal weights = BigDecimal.ZERO;
        boolean weighted = part.items().stream().anyMatch(l -> l.weight().compareTo(BigDecimal.ONE) != 0);
        for (StudentRecord.Line l : part.items()) {
            String value;
            if (l.mark().excused()) {
                value = getTranslation("grades.excused");
            } else if (l.mark().graded()) {
                value = getTranslation("grades.points", Marks.number(l.mark().points()), Marks.number(l.maxPoints()));
            } else {
                value = getTranslation("gradebook.notGradedYet");
            }
            Span title = new Span(l.title());
            title.addClassName("gb-item-title");
            Span mark = new Span(value);
            mark.addClassName("gb-mark");
            ListItem li = new ListItem(title, mark);
            if (weighted) {
                Span w = new Span(getTranslation("grades.weight", Marks.number(l.weight())));
                w.addClassName("gb-meta");
                li.add(w);
            }
            list.add(li);
            if (l.mark().graded() && l.weight().signum() > 0) {
                terms.add(Marks.number(l.mark().points()) + "/" + Marks.number(l.maxPoints())
                        + (weighted ? " × " + Marks.number(l.weight()) : ""));
                weights = weights.add(l.weight());
            }
        }
        if (part.items().isEmpty()) {
            list.add(new ListItem(getTranslation("grades.emptyCategory")));
        }
        box.add(list);
        Paragraph how = new Paragraph();
        how.addClassName("gb-how");
        if (subtotal.percent().isPresent()) {
            String formula = terms.size() == 1 && !weighted ? terms.getFirst() + " × 100"
                    : "(" + String.join(" + ", terms) + ") ÷ " + Marks.number(weights) + " × 100";
            how.setText(getTranslation("grades.subtotal", Marks.percent(subtotal.percent().get()), formula));
        } else {
            how.setText(getTranslation("grades.subtotalNone"));
        }
        box.add(how);
        return box;
    }

    private Section whatIf(StudentRecord record) {
        Section box = new Section(new H3(getTranslation("grades.whatIf")));
        box.setId("grades-what-if");
        box.addClassName("gb-card");
        List<StudentRecord.Line> items = record.categories().stream().filter(p -> p.weight().signum() > 0)
                .flatMap(p -> p.items().stream()).filter(l -> !l.mark().excused() && l.weight().signum() > 0)
                .toList();
        if (items.isEmpty()) {
            box.add(new Paragraph(getTranslation("grades.whatIfNone")));
            return box;
        }
        Select<StudentRecord.Line> item = new Select<>();
        item.setLabel(getTranslation("grades.whatIfItem"));
        item.setItems(items);
        item.setItemLabelGenerator(StudentRecord.Line::title);
        item.setId("grades-what-if-item");
        items.stream().filter(l -> !l.mark().graded()).reduce((a, b) -> b).or(() -> items.stream().findFirst())
                .ifPresent(item::setValue);
        BigDecimalField target = new BigDecimalField(getTranslation("grades.whatIfTarget"));
        target.setId("grades-what-if-target");
        target.setSuffixComponent(new Span("%"));
        target.addClassName("gb-number-field");
        Paragraph answer = new Paragraph();
        answer.setId("grades-what-if-answer");
        answer.getElement().setAttribute("aria-live", "polite");
        Button go = new Button(getTranslation("grades.whatIfGo"), e -> {
            if (item.getValue() == null) {
                return;
            }
            try {
                StudentRecord.Line line = item.getValue();
                WeightedTotal.WhatIf result = gradebook.whatIf(courseId, currentUser.require().id(), line.itemId(),
                        target.getValue(), currentUser.require());
                String goal = target.getValue().stripTrailingZeros().toPlainString() + "%";
                answer.setText(switch (result.outcome()) {
                    case NEEDS -> getTranslation("grades.whatIf.needs", Marks.number(result.points().orElseThrow()),
                            Marks.number(line.maxPoints()), line.title(), goal);
                    case ALREADY_REACHED -> getTranslation("grades.whatIf.reached", goal, line.title());
                    case NOT_REACHABLE -> getTranslation("grades.whatIf.unreachable", goal, line.title());
                    case NOT_APPLICABLE -> getTranslation("grades.whatIf.notApplicable", line.title());
                });
            } catch (UserFacingException refusal) {
                answer.setText(Notifications.describe(refusal));
            }
        });
        go.setId("grades-what-if-go");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div row = new Div(item, target, go);
        row.addClassName("gb-actions");
        box.add(new Paragraph(getTranslation("grades.whatIfHelp")), row, answer);
        return box;
    }
}
