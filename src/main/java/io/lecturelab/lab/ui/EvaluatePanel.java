package io.lecturelab.lab.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.lab.Evaluation;
import io.lecturelab.lab.LabRun;
import io.lecturelab.lab.LabStep;
import io.lecturelab.lab.TestImages;
import java.util.List;
import java.util.Optional;

/**
 * The selected trained run on the whole test split: its accuracy and a confusion matrix whose cells open the images
 * behind them, most confident first (the cats taken for dogs, say).
 */
class EvaluatePanel extends VerticalLayout {

    /** Images a cell opens at once. */
    static final int SHOWN = 24;

    private final LabView view;
    private final Paragraph summary = new Paragraph();
    private final Div matrix = new Div();
    private final Paragraph cellTitle = new Paragraph();
    private final Thumbnails images = new Thumbnails();
    private long shownRun = -1;

    EvaluatePanel(LabView view) {
        this.view = view;
        setPadding(false);
        addClassName("lab-evaluate");
        summary.setId("lab-accuracy");
        matrix.setId("lab-confusion");
        matrix.addClassName("lab-scroll");
        cellTitle.setId("lab-cell-title");
        images.setId("lab-cell-images");
        images.addPickListener(index -> {
            try {
                view.showTestImage(view.lab().testImage(view.courseId(), index, view.user()));
                view.open(LabStep.CLASSIFY);
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        add(new H3(getTranslation("lab.evaluate.heading")), summary, matrix, cellTitle, images);
        addAttachListener(event -> refresh()); // computes only when on the screen
    }

    void refresh() {
        Optional<LabRun> run = view.selected().filter(LabRun::trained);
        if (run.isEmpty()) {
            summary.setText(getTranslation("lab.model.noRun"));
            matrix.removeAll();
            return;
        }
        if (run.get().id() == shownRun) {
            return;
        }
        Evaluation evaluation;
        try {
            evaluation = view.lab().evaluate(view.courseId(), run.get().id(), view.user());
        } catch (UserFacingException refusal) {
            summary.setText(Notifications.describe(refusal));
            return;
        }
        shownRun = run.get().id();
        long runId = shownRun;
        List<String> names = evaluation.classNames().stream().map(n -> getTranslation("cifar." + n)).toList();
        summary.setText(getTranslation("lab.evaluate.accuracy", ModelPanel.fmt(evaluation.accuracy() * 100, 1),
                evaluation.total()));
        NativeTableRow head = new NativeTableRow(new NativeTableHeaderCell(getTranslation("lab.evaluate.corner")));
        names.forEach(n -> head.add(new NativeTableHeaderCell(n)));
        NativeTableBody body = new NativeTableBody();
        for (int t = 0; t < names.size(); t++) {
            NativeTableHeaderCell rowHead = new NativeTableHeaderCell(names.get(t));
            rowHead.getElement().setAttribute("scope", "row");
            NativeTableRow row = new NativeTableRow(rowHead);
            for (int p = 0; p < names.size(); p++) {
                int truth = t;
                int predicted = p;
                Button cell = new Button(Integer.toString(evaluation.counts()[t][p]),
                        click -> openCell(runId, names, truth, predicted));
                cell.addThemeVariants(t == p ? ButtonVariant.LUMO_SUCCESS : ButtonVariant.LUMO_TERTIARY);
                cell.getElement().setAttribute("aria-label", getTranslation("lab.evaluate.cell",
                        evaluation.counts()[t][p], names.get(t), names.get(p)));
                cell.addClassName("lab-cell");
                cell.setId("lab-cell-" + t + "-" + p);
                row.add(new NativeTableCell(cell));
            }
            body.add(row);
        }
        NativeTable table = new NativeTable(new NativeTableHeader(head), body);
        table.addClassName("lab-table");
        table.addClassName("lab-confusion");
        matrix.removeAll();
        matrix.add(table, new Paragraph(getTranslation("lab.evaluate.howTo")));
        cellTitle.setText("");
        images.show(List.of());
    }

    /** The page keeps no evaluation: the service's cache of recent ones answers a click. */
    private void openCell(long runId, List<String> names, int truth, int predicted) {
        List<Evaluation.Scored> cell;
        try {
            cell = view.lab().evaluate(view.courseId(), runId, view.user()).cells().get(truth).get(predicted);
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
            return;
        }
        cellTitle.setText(getTranslation("lab.evaluate.cellTitle", names.get(truth), names.get(predicted),
                cell.size(), Math.min(SHOWN, cell.size())));
        List<Evaluation.Scored> shown = cell.stream().limit(SHOWN).toList();
        List<TestImages.TestImage> pictures = view.lab().testImages(view.courseId(),
                shown.stream().map(Evaluation.Scored::index).toList(), view.user());
        List<Thumbnails.Item> items = new java.util.ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            Evaluation.Scored s = shown.get(i);
            items.add(new Thumbnails.Item(s.index(), pictures.get(i).image().values(), getTranslation(
                    "lab.evaluate.image", Integer.toString(s.index()), names.get(predicted),
                    ModelPanel.fmt(s.confidence() * 100, 1))));
        }
        images.show(items);
    }
}
