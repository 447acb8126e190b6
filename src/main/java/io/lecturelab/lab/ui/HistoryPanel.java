package io.lecturelab.lab.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.lecturelab.lab.LabPreset;
import io.lecturelab.lab.LabRun;
import io.lecturelab.lab.LabStep;
import io.lecturelab.ml.TrainingRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every run of the student with its settings and accuracy; two of them overlaid; a link that reproduces each. */
class HistoryPanel extends VerticalLayout {

    private static final String[] COLOURS = {"#1565c0", "#c62828"};

    private final LabView view;
    private final Div list = new Div();
    private final CurveChart overlay = new CurveChart();
    private final Paragraph overlayNote = new Paragraph();
    private final Set<Long> compared = new LinkedHashSet<>();
    private List<LabRun> runs = List.of();

    HistoryPanel(LabView view) {
        this.view = view;
        setPadding(false);
        addClassName("lab-history");
        list.setId("lab-history");
        list.addClassName("lab-cards");
        overlay.setId("lab-overlay");
        TrainPanel.translate(overlay, this);
        overlayNote.setText(getTranslation("lab.history.compareHint"));
        add(new H3(getTranslation("lab.history.heading")), list, new H3(getTranslation("lab.history.compare")),
                overlayNote, overlay);
        addAttachListener(event -> refresh()); // computes only when on the screen
    }

    void refresh() {
        runs = view.lab().myRuns(view.courseId(), view.user());
        list.removeAll();
        if (runs.isEmpty()) {
            list.add(new Paragraph(getTranslation("lab.history.none")));
        }
        for (LabRun run : runs) {
            list.add(card(run));
        }
        compared.retainAll(runs.stream().map(LabRun::id).toList());
        showOverlay();
    }

    private Div card(LabRun run) {
        TrainingRequest r = run.request();
        Span title = new Span(getTranslation("lab.history.run", Long.toString(run.id()),
                getTranslation("lab.runStatus." + run.status().name().toLowerCase(java.util.Locale.ROOT))));
        title.addClassName("lab-card-title");
        Span settings = new Span(describe(view, r));
        Span accuracy = new Span(run.accuracy().isPresent()
                ? getTranslation("lab.history.accuracy", ModelPanel.fmt(run.accuracy().getAsDouble() * 100, 1))
                : "");
        Checkbox compare = new Checkbox(getTranslation("lab.history.compareThis"), compared.contains(run.id()));
        compare.addValueChangeListener(change -> {
            if (change.getValue()) {
                compared.add(run.id());
                while (compared.size() > 2) {
                    compared.remove(compared.iterator().next());
                }
            } else {
                compared.remove(run.id());
            }
            if (change.isFromClient()) {
                refreshChecks();
                showOverlay();
            }
        });
        Button open = new Button(getTranslation("lab.history.open"), click -> {
            view.reuse(r);
            view.select(run);
            view.open(LabStep.TRAIN);
        });
        open.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Anchor link = new Anchor(LabLauncher.address(view.courseId(),
                LabPreset.defaults().withRequest(r).withStep(LabStep.TRAIN)), getTranslation("lab.history.link"));
        link.addClassName("lab-run-link");
        Div card = new Div(title, settings, accuracy, new Div(compare, open, link));
        card.addClassName("lab-card");
        card.getElement().setAttribute("data-run", Long.toString(run.id()));
        return card;
    }

    private void refreshChecks() {
        list.getChildren().forEach(card -> card.getChildren().filter(Div.class::isInstance)
                .flatMap(com.vaadin.flow.component.Component::getChildren).filter(Checkbox.class::isInstance)
                .map(Checkbox.class::cast)
                .forEach(box -> {
                    long id = Long.parseLong(card.getElement().getAttribute("data-run"));
                    box.setValue(compared.contains(id));
                }));
    }

    private void showOverlay() {
        List<CurveChart.Series> series = new ArrayList<>();
        int i = 0;
        for (LabRun run : runs) {
            if (compared.contains(run.id())) {
                series.add(new CurveChart.Series(Long.toString(run.id()),
                        "#" + run.id() + " (" + describe(view, run.request()) + ")", COLOURS[i++ % 2],
                        TrainPanel.points(run.curve())));
            }
        }
        overlay.show(series);
        overlay.setVisible(!series.isEmpty());
        overlayNote.setVisible(series.isEmpty());
    }

    static String describe(com.vaadin.flow.component.Component ui, TrainingRequest r) {
        return ui.getTranslation("lab.settings", LabPreset.number(r.learningRate()), r.batchSize(), r.epochs(),
                LabPreset.number(r.l2Strength()), Long.toString(r.seed()),
                ui.getTranslation(r.bias() ? "lab.bias.on" : "lab.bias.off"),
                ui.getTranslation(r.classes() == io.lecturelab.ml.ClassSet.CAT_VS_DOG ? "lab.classes.catDog"
                        : "lab.classes.all"));
    }

}
