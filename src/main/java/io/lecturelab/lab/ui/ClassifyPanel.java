package io.lecturelab.lab.ui;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.lecturelab.ml.Classification;
import java.util.List;
import java.util.Optional;

/**
 * The selected trained run on the current image: prediction, probabilities, the loss for the true label, and for
 * each class the contribution map (template × image) showing which pixels pushed its score up or down.
 */
class ClassifyPanel extends VerticalLayout {

    private final LabView view;
    private final Paragraph missing = new Paragraph();
    private final Span prediction = new Span();
    private final ProbabilityBars bars = new ProbabilityBars();
    private final Paragraph loss = new Paragraph();
    private final ContributionMaps maps = new ContributionMaps();

    ClassifyPanel(LabView view) {
        this.view = view;
        setPadding(false);
        addClassName("lab-classify");
        missing.setId("lab-classify-missing");
        prediction.setId("lab-prediction");
        bars.setId("lab-probabilities");
        loss.setId("lab-classify-loss");
        maps.setId("lab-contributions");
        maps.setTexts(getTranslation("lab.maps.negative"), getTranslation("lab.maps.positive"));
        maps.setAriaLabel(getTranslation("lab.maps.heading"));
        add(new H3(getTranslation("lab.classify.heading")), new Paragraph(getTranslation("lab.classify.intro")),
                missing, prediction, bars, loss, new H3(getTranslation("lab.maps.heading")),
                new Paragraph(getTranslation("lab.maps.intro")), maps);
        addAttachListener(event -> refresh()); // computes only when on the screen
    }

    void refresh() {
        Optional<Classification> answer = view.classification();
        missing.setVisible(answer.isEmpty());
        missing.setText(getTranslation(view.selected().filter(r -> r.trained()).isEmpty() ? "lab.model.noRun"
                : "lab.model.noImage"));
        prediction.setVisible(answer.isPresent());
        bars.setVisible(answer.isPresent());
        loss.setVisible(answer.isPresent());
        maps.setVisible(answer.isPresent());
        if (answer.isEmpty()) {
            return;
        }
        Classification c = answer.get();
        List<String> names = c.classNames().stream().map(n -> getTranslation("cifar." + n)).toList();
        float[] p = c.probabilities();
        prediction.setText(getTranslation("lab.classify.prediction", names.get(c.predictedIndex()),
                ModelPanel.fmt(p[c.predictedIndex()] * 100, 1)));
        bars.show(names, p, c.predictedIndex());
        Optional<Integer> truth = view.testImage().map(t -> c.classNames().indexOf(t.labelName()))
                .filter(i -> i >= 0);
        loss.setText(truth.map(t -> getTranslation("lab.classify.loss", names.get(t),
                        ModelPanel.fmt(-Math.log(Math.max(p[t], 1e-12)), 4)))
                .orElse(getTranslation("lab.model.noLabel")));
        maps.show(names, c.contributions(), view.image().map(i -> PixelMatrix.interleave(i.values())).orElse(null));
    }
}
