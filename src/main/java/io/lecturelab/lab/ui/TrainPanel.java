package io.lecturelab.lab.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.lab.LabControl;
import io.lecturelab.lab.LabPreset;
import io.lecturelab.lab.LabRun;
import io.lecturelab.lab.LiveRuns;
import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.InvalidSettingException;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.dataset.DatasetState;
import io.lecturelab.ml.queue.CurvePoint;
import io.lecturelab.ml.queue.JobStatus;
import java.util.List;
import java.util.Optional;

/**
 * Training: the settings with their ranges, Train (onto the shared queue), the queue position counting down, then a
 * progress bar, the live curves and W's rows as templates, and Cancel.
 */
class TrainPanel extends VerticalLayout {

    private static final double MB = 1024.0 * 1024.0;
    private static final long TEMPLATES_EVERY_NANOS = 1_000_000_000L;

    private final LabView view;
    private final NumberField learningRate = new NumberField();
    private final IntegerField batchSize = new IntegerField();
    private final IntegerField epochs = new IntegerField();
    private final NumberField l2 = new NumberField();
    private final TextField seed = new TextField();
    private final Checkbox bias = new Checkbox();
    private final Select<ClassSet> classes = new Select<>();
    private final Button train = new Button();
    private final Button cancel = new Button();
    private final Div datasetState = new Div();
    private final Span status = new Span();
    private final ProgressBar progress = new ProgressBar();
    private final CurveChart curves = new CurveChart();
    private final TemplateGrid templates = new TemplateGrid();
    private final Span templatesNote = new Span();
    private UI ui;
    private AutoCloseable watching;
    private AutoCloseable datasetSubscription;
    private Optional<LabRun> run = Optional.empty();
    private int sentPoints;
    private long shownWeights = -1;
    private long lastStoredRead;
    private long lastTemplates;

    TrainPanel(LabView view) {
        this.view = view;
        setPadding(false);
        addClassName("lab-train");
        LabPreset preset = view.preset();
        TrainingRequest r = preset.request();

        learningRate.setLabel(getTranslation("lab.lr"));
        learningRate.setHelperText(getTranslation("lab.lr.help"));
        learningRate.setStep(0.001);
        learningRate.setValue(r.learningRate());
        batchSize.setLabel(getTranslation("lab.batch"));
        batchSize.setHelperText(getTranslation("lab.batch.help"));
        batchSize.setValue(r.batchSize());
        epochs.setLabel(getTranslation("lab.epochs"));
        epochs.setHelperText(getTranslation("lab.epochs.help"));
        epochs.setValue(r.epochs());
        l2.setLabel(getTranslation("lab.l2"));
        l2.setHelperText(getTranslation("lab.l2.help"));
        l2.setValue(r.l2Strength());
        seed.setLabel(getTranslation("lab.seed"));
        seed.setHelperText(getTranslation("lab.seed.help"));
        seed.setValue(Long.toString(r.seed()));
        seed.setAllowedCharPattern("[-0-9]");
        bias.setLabel(getTranslation("lab.bias"));
        bias.setValue(r.bias());
        classes.setLabel(getTranslation("lab.classes"));
        classes.setItems(ClassSet.values());
        classes.setItemLabelGenerator(c -> getTranslation(c == ClassSet.CAT_VS_DOG ? "lab.classes.catDog"
                : "lab.classes.all"));
        classes.setValue(r.classes());
        learningRate.setId("lab-lr");
        batchSize.setId("lab-batch");
        epochs.setId("lab-epochs");
        l2.setId("lab-l2");
        seed.setId("lab-seed");
        bias.setId("lab-bias");
        classes.setId("lab-classes");

        control(learningRate, LabControl.LEARNING_RATE);
        control(batchSize, LabControl.BATCH_SIZE);
        control(epochs, LabControl.EPOCHS);
        control(l2, LabControl.L2);
        control(seed, LabControl.SEED);
        control(bias, LabControl.BIAS);
        control(classes, LabControl.CLASSES);
        preset.sweep().ifPresent(sweep -> {
            // the value the service will train this student with
            TrainingRequest mine = view.lab().requestFor(view.courseId(), preset, view.user());
            boolean lr = sweep.control() == LabControl.LEARNING_RATE;
            NumberField field = lr ? learningRate : l2;
            field.setValue(lr ? mine.learningRate() : mine.l2Strength());
            field.setHelperText(getTranslation("lab.sweep.yours"));
        });

        FormLayout form = new FormLayout(learningRate, batchSize, epochs, l2, seed, classes, bias);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32em", 2),
                new FormLayout.ResponsiveStep("60em", 4));
        form.addClassName("lab-form");

        train.setText(getTranslation("lab.train"));
        train.setId("lab-train");
        train.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        train.addClickListener(click -> train());
        cancel.setText(getTranslation("lab.cancel"));
        cancel.setId("lab-cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
        cancel.setVisible(false);
        cancel.addClickListener(click -> cancel());
        status.setId("lab-status");
        status.getElement().setAttribute("role", "status");
        progress.setId("lab-progress");
        progress.getElement().setAttribute("aria-label", getTranslation("lab.progress"));
        progress.setVisible(false);
        datasetState.setId("lab-dataset");
        curves.setId("lab-curves");
        TrainPanel.translate(curves, this);
        templates.setId("lab-templates");
        templates.setAriaLabel(getTranslation("lab.templates.heading"));
        templatesNote.setText(getTranslation("lab.templates.none"));
        templatesNote.addClassName("lab-note");

        Div buttons = new Div(train, cancel);
        buttons.addClassName("lab-buttons");
        add(new H3(getTranslation("lab.train.heading")), new Paragraph(getTranslation("lab.train.intro")), form,
                datasetState, buttons, status, progress, curves,
                new H3(getTranslation("lab.templates.heading")), new Paragraph(getTranslation("lab.templates.intro")),
                templatesNote, templates);
        addAttachListener(event -> attached(event.getUI()));
        addDetachListener(event -> detached());
    }

    private void control(com.vaadin.flow.component.Component field, LabControl control) {
        LabPreset preset = view.preset();
        field.setVisible(preset.visible(control));
        if (field instanceof com.vaadin.flow.component.HasValue<?, ?> value) {
            value.setReadOnly(!preset.editable(control));
            value.addValueChangeListener(change -> {
                if (change.isFromClient()) {
                    settingsChanged();
                }
            });
        }
    }

    /** The form's settings; an invalid field is marked with the reason and nothing else changes. */
    private Optional<TrainingRequest> settings() {
        TrainingRequest r = view.preset().request();
        try {
            r = set(r, learningRate, TrainingRequest::withLearningRate, learningRate.getValue(), "lab.error.lr");
            r = set(r, batchSize, TrainingRequest::withBatchSize, batchSize.getValue(), "lab.error.batch");
            r = set(r, epochs, TrainingRequest::withEpochs, epochs.getValue(), "lab.error.epochs");
            r = set(r, l2, TrainingRequest::withL2Strength, l2.getValue(), "lab.error.l2");
            Long seedValue = seed.getValue().matches("-?[0-9]{1,18}") ? Long.parseLong(seed.getValue()) : null;
            r = set(r, seed, TrainingRequest::withSeed, seedValue, "lab.error.seed");
            r = r.withBias(bias.getValue()).withClasses(classes.getValue() == null ? ClassSet.CAT_VS_DOG
                    : classes.getValue());
            return Optional.of(r);
        } catch (InvalidSettingException e) {
            return Optional.empty();
        }
    }

    private interface With<T> {
        TrainingRequest apply(TrainingRequest request, T value);
    }

    private <T> TrainingRequest set(TrainingRequest r, com.vaadin.flow.component.HasValidation field, With<T> with,
                                    T value, String errorKey) {
        try {
            if (value == null) {
                throw new InvalidSettingException(errorKey, "missing");
            }
            TrainingRequest next = with.apply(r, value);
            field.setInvalid(false);
            return next;
        } catch (InvalidSettingException e) {
            field.setErrorMessage(getTranslation(errorKey));
            field.setInvalid(true);
            throw e;
        }
    }

    private void settingsChanged() {
        settings().ifPresent(r -> view.presetChanged(view.preset().withRequest(r)));
    }

    private void train() {
        Optional<TrainingRequest> request = settings();
        if (request.isEmpty()) {
            Notifications.error(getTranslation("lab.error.settings"));
            return;
        }
        LabPreset preset = view.preset().withRequest(request.get());
        try {
            LabRun started = view.lab().train(view.courseId(), preset, view.user());
            view.presetChanged(preset);
            view.select(started);
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
    }

    private void cancel() {
        run.ifPresent(r -> {
            try {
                show(view.lab().cancel(view.courseId(), r.id(), view.user()));
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
    }

    /** Puts a run's settings into the form (they are already in the address). */
    void showSettings(TrainingRequest r) {
        learningRate.setValue(r.learningRate());
        batchSize.setValue(r.batchSize());
        epochs.setValue(r.epochs());
        l2.setValue(r.l2Strength());
        seed.setValue(Long.toString(r.seed()));
        bias.setValue(r.bias());
        classes.setValue(r.classes());
    }

    /** Shows a run: its stored curve at once, then what it adds while it trains. */
    void follow(LabRun value) {
        stopWatching();
        run = Optional.of(value);
        sentPoints = value.curve().size();
        shownWeights = -1;
        curves.show(List.of(series(value, "var(--lab-run-colour, #1565c0)")));
        showWeights(view.lab().weights(view.courseId(), value.id(), view.user()));
        show(value);
        if (value.active() && ui != null) {
            watch(value.id());
        }
    }

    /** Gives a chart its titles and legend in the language of {@code owner}. */
    static void translate(CurveChart chart, com.vaadin.flow.component.Component owner) {
        chart.setTexts(owner.getTranslation("lab.chart.loss"), owner.getTranslation("lab.chart.accuracy"),
                owner.getTranslation("lab.chart.epochs"), owner.getTranslation("lab.chart.train"),
                owner.getTranslation("lab.chart.test"));
    }

    static CurveChart.Series series(LabRun run, String colour) {
        return new CurveChart.Series(Long.toString(run.id()), "#" + run.id(), colour, points(run.curve()));
    }

    static List<CurveChart.Point> points(List<CurvePoint> curve) {
        return curve.stream().map(p -> new CurveChart.Point(p.epochsDone(), p.loss(), p.trainAccuracy(),
                p.testAccuracy())).toList();
    }

    private void watch(long runId) {
        UI target = ui;
        watching = view.live().watch(runId, () -> target.access(this::update));
    }

    /** Called by the live-run ticker (through the UI's lock): pushes only what is new. */
    private void update() {
        if (run.isEmpty()) {
            return;
        }
        long id = run.get().id();
        long now = System.nanoTime();
        Optional<LiveRuns.Snapshot> snapshot = view.live().snapshot(id);
        if (snapshot.isPresent()) {
            LiveRuns.Snapshot s = snapshot.get();
            List<CurvePoint> added = s.pointsFrom(sentPoints);
            if (!added.isEmpty()) {
                curves.append(Long.toString(id), points(added));
                sentPoints = s.points();
                progressOf(added.get(added.size() - 1));
            }
            // the templates (3 KB a class) at most once a second; the curve's few new points at every tick
            if (s.weightsVersion() != shownWeights && now - lastTemplates >= TEMPLATES_EVERY_NANOS) {
                shownWeights = s.weightsVersion();
                lastTemplates = now;
                showWeights(s.weights());
            }
        }
        if (snapshot.isEmpty() || snapshot.get().finished() || now - lastStoredRead > 1_000_000_000L) {
            lastStoredRead = now;
            LabRun stored;
            try {
                stored = view.lab().run(view.courseId(), id, view.user());
            } catch (UserFacingException refusal) {
                stopWatching();
                return;
            }
            if (snapshot.isEmpty() && stored.curve().size() > sentPoints) {
                curves.append(Long.toString(id), points(stored.curve().subList(sentPoints, stored.curve().size())));
                sentPoints = stored.curve().size();
                showWeights(view.lab().weights(view.courseId(), id, view.user()));
            }
            show(stored);
            if (!stored.active()) {
                stopWatching();
                showWeights(view.lab().weights(view.courseId(), id, view.user()));
                view.runUpdated(stored);
            }
        }
    }

    private void progressOf(CurvePoint last) {
        run.ifPresent(r -> {
            progress.setVisible(true);
            progress.setValue(Math.min(1, last.epochsDone() / r.request().epochs()));
        });
    }

    private void showWeights(Optional<float[]> weights) {
        run.ifPresent(r -> {
            templatesNote.setVisible(weights.isEmpty());
            weights.ifPresent(w -> templates.show(r.request().classes().classNames().stream()
                    .map(name -> getTranslation("cifar." + name)).toList(), w));
        });
    }

    private void show(LabRun r) {
        run = Optional.of(r);
        cancel.setVisible(r.active());
        progress.setVisible(r.status() == JobStatus.RUNNING || r.trained());
        progress.setValue(r.fraction());
        status.setText(switch (r.status()) {
            case QUEUED -> r.position().isPresent()
                    ? getTranslation("lab.status.queued", r.position().getAsLong())
                    : getTranslation("lab.status.starting");
            case RUNNING -> getTranslation("lab.status.running", Math.round(r.fraction() * 100));
            case SUCCEEDED -> getTranslation("lab.status.done",
                    r.accuracy().isPresent() ? Math.round(r.accuracy().getAsDouble() * 1000) / 10.0 : 0);
            case CANCELLED -> getTranslation("lab.status.cancelled");
            case FAILED -> getTranslation("lab.status.failed", getTranslation(r.errorKey().orElse("ml.error.training")));
        });
        status.getElement().setAttribute("data-status", r.status().name());
        r.accuracy().ifPresent(a -> curves.setSummary(getTranslation("lab.chart.summary",
                r.curve().isEmpty() ? 0 : Math.round(r.curve().get(r.curve().size() - 1).loss() * 1000) / 1000.0,
                Math.round(a * 1000) / 10.0)));
    }

    private void showDataset(DatasetState state) {
        datasetState.removeAll();
        boolean ready = state instanceof DatasetState.Ready;
        train.setEnabled(ready);
        switch (state) {
            case DatasetState.Ready ignored -> { }
            case DatasetState.Downloading d -> {
                ProgressBar bar = new ProgressBar();
                bar.setIndeterminate(d.fraction() < 0);
                bar.setValue(Math.max(0, d.fraction()));
                bar.getElement().setAttribute("aria-label", getTranslation("lab.dataset.downloading"));
                datasetState.add(new Paragraph(d.fraction() < 0
                        ? getTranslation("lab.dataset.downloadingUnknown", Math.round(d.bytesDone() / MB))
                        : getTranslation("lab.dataset.downloadingOf", Math.round(d.bytesDone() / MB),
                                Math.round(d.totalBytes() / MB))), bar);
            }
            case DatasetState.Unpacking u -> datasetState.add(new Paragraph(getTranslation("lab.dataset.unpacking")));
            case DatasetState.Missing m -> datasetState.add(new Paragraph(getTranslation("lab.dataset.missing")));
            case DatasetState.Failed f -> datasetState.add(new Paragraph(getTranslation("lab.dataset.failed")));
        }
    }

    /** On the screen: follows the selected run (again: points may have come while it was hidden). */
    private void attached(UI value) {
        ui = value;
        datasetSubscription = view.dataset().listen(state -> value.access(() -> showDataset(state)));
        showDataset(view.dataset().state());
        view.selected().or(() -> run).ifPresent(this::follow);
    }

    private void detached() {
        stopWatching();
        close(datasetSubscription);
        datasetSubscription = null;
        ui = null;
    }

    private void stopWatching() {
        close(watching);
        watching = null;
    }

    private static void close(AutoCloseable handle) {
        if (handle != null) {
            try {
                handle.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
