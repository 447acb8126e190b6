package io.lecturelab.lab.ui;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.lecturelab.lab.LabRun;
import io.lecturelab.lecture.ui.LectureContent;
import io.lecturelab.ml.Classification;
import io.lecturelab.ml.ImageInput;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The model as lecture 1 writes it, filled in with the numbers of the current image and the selected run:
 * s = f(x, W) = Wx with its shapes, ŷ = softmax(s) as bars, and the cross-entropy loss with the y vs ŷ table.
 */
class ModelPanel extends VerticalLayout {

    private final LabView view;
    private final LectureContent shapes = new LectureContent("");
    private final LectureContent scores = new LectureContent("");
    private final ProbabilityBars bars = new ProbabilityBars();
    private final LectureContent loss = new LectureContent("");
    private final com.vaadin.flow.component.html.Div lossTable = new com.vaadin.flow.component.html.Div();
    private final Paragraph missing = new Paragraph();

    ModelPanel(LabView view) {
        this.view = view;
        setPadding(false);
        addClassName("lab-model");
        shapes.setId("lab-math-shapes");
        scores.setId("lab-math-scores");
        bars.setId("lab-model-bars");
        loss.setId("lab-math-loss");
        lossTable.setId("lab-loss-table");
        lossTable.addClassName("lab-scroll");
        missing.setId("lab-model-missing");
        add(new H3(getTranslation("lab.model.heading")), shapes, missing, scores,
                new H3(getTranslation("lab.model.softmax")), bars,
                new H3(getTranslation("lab.model.loss")), loss, lossTable);
        addAttachListener(event -> refresh()); // computes only when on the screen
    }

    void refresh() {
        int classes = view.selected().map(r -> r.request().classes().size())
                .orElse(view.preset().request().classes().size());
        boolean bias = view.selected().map(r -> r.request().bias()).orElse(view.preset().request().bias());
        shapes.setHtml(getTranslation("lab.model.shapes", math("s = f(x, W) = Wx" + (bias ? " + b" : "")),
                math("x \\in \\mathbb{R}^{3072 \\times 1}"),
                math("W \\in \\mathbb{R}^{" + classes + " \\times 3072}"),
                math("s \\in \\mathbb{R}^{" + classes + " \\times 1}"),
                math("x' = (x - \\mu) / 255")));
        Optional<Classification> answer = view.classification();
        Optional<LabRun> run = view.selected().filter(LabRun::trained);
        missing.setVisible(answer.isEmpty());
        missing.setText(getTranslation(run.isEmpty() ? "lab.model.noRun" : "lab.model.noImage"));
        scores.setVisible(answer.isPresent());
        bars.setVisible(answer.isPresent());
        loss.setVisible(answer.isPresent());
        lossTable.setVisible(answer.isPresent());
        if (answer.isEmpty() || view.image().isEmpty()) {
            return;
        }
        Classification c = answer.get();
        List<String> names = c.classNames().stream().map(n -> getTranslation("cifar." + n)).toList();
        float[] x = view.image().get().values();
        float[] s = c.scores();
        float[] p = c.probabilities();
        scores.setHtml(getTranslation("lab.model.numbers",
                display("x = \\begin{bmatrix}" + fmt(x[0], 0) + " & " + fmt(x[1], 0) + " & " + fmt(x[2], 0)
                        + " & \\cdots & " + fmt(x[ImageInput.VALUES - 1], 0) + "\\end{bmatrix}^\\top"),
                display("s = " + column(s) + " \\qquad \\hat{y} = \\operatorname{softmax}(s) = " + column(p))));
        bars.show(names, p, c.predictedIndex());
        Optional<Integer> truth = view.testImage()
                .map(t -> c.classNames().indexOf(t.labelName())).filter(i -> i >= 0);
        String lossValue = truth.map(t -> fmt(-Math.log(Math.max(p[t], 1e-12)), 4)).orElse("?");
        loss.setHtml(getTranslation("lab.model.lossText",
                display("L = -\\sum_i y_i \\log \\hat{y}_i" + (truth.isPresent()
                        ? " = -\\log " + fmt(p[truth.get()], 4) + " = " + lossValue : ""))));
        lossTable.removeAll();
        NativeTableRow head = new NativeTableRow(new NativeTableHeaderCell(getTranslation("lab.model.class")),
                new NativeTableHeaderCell("y"), new NativeTableHeaderCell("ŷ"));
        NativeTableBody body = new NativeTableBody();
        for (int i = 0; i < names.size(); i++) {
            int k = i;
            String y = truth.map(t -> t == k ? "1" : "0").orElse("?");
            NativeTableCell yCell = new NativeTableCell(y);
            NativeTableCell pCell = new NativeTableCell(fmt(p[i], 4));
            yCell.addClassName("num");
            pCell.addClassName("num");
            body.add(new NativeTableRow(new NativeTableCell(names.get(i)), yCell, pCell));
        }
        NativeTable table = new NativeTable(new NativeTableHeader(head), body);
        table.addClassName("lab-table");
        lossTable.add(table);
        if (truth.isEmpty()) {
            lossTable.add(new Paragraph(getTranslation("lab.model.noLabel")));
        }
    }

    private static String column(float[] values) {
        StringBuilder b = new StringBuilder("\\begin{bmatrix}");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : " \\\\ ").append(fmt(values[i], 3));
        }
        return b.append("\\end{bmatrix}").toString();
    }

    static String fmt(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    private static String math(String tex) {
        return "<span class=\"math-inline\">" + tex + "</span>";
    }

    private static String display(String tex) {
        return "<span class=\"math-display\">" + tex + "</span>";
    }
}
