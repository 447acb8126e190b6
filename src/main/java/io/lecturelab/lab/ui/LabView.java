package io.lecturelab.lab.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.lab.LabPreset;
import io.lecturelab.lab.LabRun;
import io.lecturelab.lab.LabService;
import io.lecturelab.lab.LabStep;
import io.lecturelab.lab.LiveRuns;
import io.lecturelab.lab.TestImages;
import io.lecturelab.ml.dataset.DatasetProvisioning;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ui.CurrentUser;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The classifier lab of lecture 1: see an image as the computer does, the model as the slide writes it, train on the
 * shared queue and watch the curves and templates, classify, evaluate, and compare runs. Its settings live in the
 * address ({@link LabPreset}), so a link reproduces a run and a lecture's demo block opens it at a step.
 */
@Route(value = CourseRoutes.PREFIX + "/demo", layout = MainLayout.class)
@RequiresCourseRole
public class LabView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LabService lab;
    private final LiveRuns live;
    private final DatasetProvisioning dataset;
    private final CurrentUser currentUser;
    private TabSheet steps = new TabSheet();
    private final Map<LabStep, com.vaadin.flow.component.tabs.Tab> tabs = new EnumMap<>(LabStep.class);
    private long courseId;
    private LabPreset preset = LabPreset.defaults();
    private ImagePanel imagePanel;
    private ModelPanel modelPanel;
    private TrainPanel trainPanel;
    private ClassifyPanel classifyPanel;
    private EvaluatePanel evaluatePanel;
    private HistoryPanel historyPanel;
    private Optional<TestImages.TestImage> testImage = Optional.empty();
    private Optional<io.lecturelab.ml.ImageInput> image = Optional.empty();
    private Optional<LabRun> selected = Optional.empty();
    private Optional<io.lecturelab.ml.Classification> classification = Optional.empty();
    private boolean classified;

    public LabView(LabService lab, LiveRuns live, DatasetProvisioning dataset, CurrentUser currentUser) {
        this.lab = lab;
        this.live = live;
        this.dataset = dataset;
        this.currentUser = currentUser;
        addClassName("page");
        addClassName("lab-page");
        setPadding(true);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        Map<String, List<String>> query = event.getLocation().getQueryParameters().getParameters();
        List<String> json = query.get("preset");
        preset = json != null && !json.isEmpty() ? LabPreset.fromJson(json.get(0)) : LabPreset.fromQuery(query);
        build();
        for (String problem : preset.problems()) {
            Notifications.error(getTranslation(problem));
        }
        List<String> run = query.get("run");
        if (run != null && !run.isEmpty() && run.get(0).matches("[0-9]{1,18}")) {
            try {
                select(lab.run(courseId, Long.parseLong(run.get(0)), user()));
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        } else {
            lab.myRuns(courseId, user()).stream().filter(LabRun::trained).findFirst().ifPresent(this::select);
        }
        steps.setSelectedTab(tabs.get(preset.step()));
    }

    private void build() {
        removeAll();
        if (trainPanel != null) {
            trainPanel.detached();
        }
        steps = new TabSheet();
        steps.setWidthFull();
        steps.setId("lab-steps");
        tabs.clear();
        H2 heading = new H2(getTranslation("lab.heading"));
        Paragraph intro = new Paragraph(getTranslation("lab.intro"));
        intro.addClassName("lab-intro");
        imagePanel = new ImagePanel(this);
        modelPanel = new ModelPanel(this);
        trainPanel = new TrainPanel(this);
        classifyPanel = new ClassifyPanel(this);
        evaluatePanel = new EvaluatePanel(this);
        historyPanel = new HistoryPanel(this);
        tabs.put(LabStep.PIXELS, steps.add(getTranslation("lab.step.pixels"), imagePanel));
        tabs.put(LabStep.MODEL, steps.add(getTranslation("lab.step.model"), modelPanel));
        tabs.put(LabStep.TRAIN, steps.add(getTranslation("lab.step.train"), trainPanel));
        tabs.put(LabStep.CLASSIFY, steps.add(getTranslation("lab.step.classify"), classifyPanel));
        tabs.put(LabStep.EVALUATE, steps.add(getTranslation("lab.step.evaluate"), evaluatePanel));
        tabs.put(LabStep.HISTORY, steps.add(getTranslation("lab.step.history"), historyPanel));
        tabs.forEach((step, tab) -> tab.setId("lab-tab-" + step.key()));
        steps.addSelectedChangeListener(change -> tabs.forEach((step, tab) -> {
            if (tab == change.getSelectedTab()) {
                preset = preset.withStep(step);
                writeAddress();
                shown(step);
            }
        }));
        add(heading, intro, steps);
        getUI().ifPresent(trainPanel::attached);
        imagePanel.pickRandom();
    }

    /** Refreshes the panel that just became visible (they compute only when looked at). */
    private void shown(LabStep step) {
        switch (step) {
            case MODEL -> modelPanel.refresh();
            case CLASSIFY -> classifyPanel.refresh();
            case EVALUATE -> evaluatePanel.refresh();
            case HISTORY -> historyPanel.refresh();
            default -> { }
        }
    }

    // ---- shared state of the panels ----

    long courseId() {
        return courseId;
    }

    LabService lab() {
        return lab;
    }

    LiveRuns live() {
        return live;
    }

    DatasetProvisioning dataset() {
        return dataset;
    }

    SignedInUser user() {
        return currentUser.require();
    }

    LabPreset preset() {
        return preset;
    }

    /** A run's settings are to be trained again: into the form and the address. */
    void reuse(io.lecturelab.ml.TrainingRequest request) {
        presetChanged(preset.withRequest(request));
        trainPanel.showSettings(request);
    }

    /** The settings changed in the training form: they go into the address. */
    void presetChanged(LabPreset value) {
        preset = value;
        writeAddress();
    }

    Optional<io.lecturelab.ml.ImageInput> image() {
        return image;
    }

    /** The chosen test image (with its true label), or empty for an uploaded picture. */
    Optional<TestImages.TestImage> testImage() {
        return testImage;
    }

    void showTestImage(TestImages.TestImage value) {
        testImage = Optional.of(value);
        image = Optional.of(value.image());
        imageChanged();
    }

    void showUploaded(io.lecturelab.ml.ImageInput value) {
        testImage = Optional.empty();
        image = Optional.of(value);
        imageChanged();
    }

    /**
     * The selected trained run on the current image (computed once per image and run); empty when either is missing.
     */
    Optional<io.lecturelab.ml.Classification> classification() {
        if (!classified) {
            classified = true;
            classification = Optional.empty();
            if (image.isPresent() && selected.filter(LabRun::trained).isPresent()) {
                try {
                    classification = Optional.of(lab.classify(courseId, selected.get().id(), image.get(), user()));
                } catch (UserFacingException refusal) {
                    Notifications.error(refusal);
                }
            }
        }
        return classification;
    }

    private void imageChanged() {
        classified = false;
        imagePanel.showImage();
        modelPanel.refresh();
        classifyPanel.refresh();
    }

    Optional<LabRun> selected() {
        return selected;
    }

    /** A run becomes the one the model, classify and evaluate steps use. */
    void select(LabRun run) {
        selected = Optional.of(run);
        classified = false;
        trainPanel.follow(run);
        modelPanel.refresh();
        classifyPanel.refresh();
        evaluatePanel.refresh();
    }

    /** The followed run finished (or changed): the panels that use a trained model look again. */
    void runUpdated(LabRun run) {
        if (selected.map(s -> s.id() == run.id()).orElse(false)) {
            selected = Optional.of(run);
            classified = false;
        }
        if (run.trained()) {
            modelPanel.refresh();
            classifyPanel.refresh();
            evaluatePanel.refresh();
            historyPanel.refresh();
        }
    }

    void open(LabStep step) {
        steps.setSelectedTab(tabs.get(step));
    }

    private void writeAddress() {
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null,
                LabLauncher.address(courseId, preset)));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        trainPanel.attached(attachEvent.getUI());
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        trainPanel.detached();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("lab.heading");
    }

}
