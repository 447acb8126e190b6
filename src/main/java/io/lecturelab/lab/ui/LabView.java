package io.lecturelab.lab.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
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
import io.lecturelab.ml.Classification;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.dataset.DatasetProvisioning;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ui.CurrentUser;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The classifier lab of lecture 1: see an image as the computer does, the model as the slide writes it, train on the
 * shared queue and watch the curves and templates, classify, evaluate, and compare runs. Its settings live in the
 * address ({@link LabPreset}), so a link reproduces a run and a lecture's demo block opens it at a step.
 * <p>
 * A step's panel is built the first time it is shown and computes only while it is shown (it refreshes when it is
 * attached): a page opened at one step holds that step only, and no hidden step classifies or evaluates.
 */
@Route(value = CourseRoutes.PREFIX + "/demo", layout = MainLayout.class)
@RequiresCourseRole
public class LabView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LabService lab;
    private final LiveRuns live;
    private final DatasetProvisioning dataset;
    private final CurrentUser currentUser;
    private final Map<LabStep, Tab> tabs = new EnumMap<>(LabStep.class);
    private final Map<LabStep, Div> holders = new EnumMap<>(LabStep.class);
    private final Map<LabStep, Component> panels = new EnumMap<>(LabStep.class);
    private TabSheet steps = new TabSheet();
    private long courseId;
    private LabPreset preset = LabPreset.defaults();
    /** The current image: a test image by its index (its values stay in the shared test set), or an upload. */
    private OptionalInt testIndex = OptionalInt.empty();
    private Optional<ImageInput> uploaded = Optional.empty();
    private Optional<LabRun> selected = Optional.empty();
    private Optional<Classification> classification = Optional.empty();
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
        for (String problem : preset.problems()) {
            Notifications.error(getTranslation(problem));
        }
        selected = Optional.empty();
        List<String> run = query.get("run");
        if (run != null && !run.isEmpty() && run.get(0).matches("[0-9]{1,18}")) {
            try {
                selected = Optional.of(lab.run(courseId, Long.parseLong(run.get(0)), user()));
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        } else {
            selected = lab.myRuns(courseId, user()).stream().filter(LabRun::trained).findFirst();
        }
        firstImage();
        build();
    }

    private void build() {
        removeAll();
        tabs.clear();
        holders.clear();
        panels.clear();
        classified = false;
        steps = new TabSheet();
        steps.setWidthFull();
        steps.setId("lab-steps");
        for (LabStep step : LabStep.values()) {
            Div holder = new Div();
            holder.setWidthFull();
            holders.put(step, holder);
            Tab tab = steps.add(getTranslation("lab.step." + step.key()), holder);
            tab.setId("lab-tab-" + step.key());
            tabs.put(step, tab);
        }
        steps.setSelectedTab(tabs.get(preset.step()));
        show(preset.step());
        steps.addSelectedChangeListener(change -> tabs.forEach((step, tab) -> {
            if (tab == change.getSelectedTab()) {
                preset = preset.withStep(step);
                writeAddress();
                show(step);
            }
        }));
        Paragraph intro = new Paragraph(getTranslation("lab.intro"));
        intro.addClassName("lab-intro");
        add(new H2(getTranslation("lab.heading")), intro, steps);
    }

    /** Builds a step's panel the first time it is shown. */
    private void show(LabStep step) {
        if (panels.containsKey(step)) {
            return;
        }
        Component panel = switch (step) {
            case PIXELS -> new ImagePanel(this);
            case MODEL -> new ModelPanel(this);
            case TRAIN -> new TrainPanel(this);
            case CLASSIFY -> new ClassifyPanel(this);
            case EVALUATE -> new EvaluatePanel(this);
            case HISTORY -> new HistoryPanel(this);
        };
        panels.put(step, panel);
        holders.get(step).add(panel);
    }

    /** A built panel of the given type that is on the screen now. */
    private <T extends Component> Optional<T> shown(LabStep step, Class<T> type) {
        return Optional.ofNullable(panels.get(step)).filter(Component::isAttached).map(type::cast);
    }

    /** The lab opens on a random test image of the preset's classes (the pixels step can pick another). */
    private void firstImage() {
        try {
            TestImages.TestImage first = lab.randomImage(courseId, preset.request().classes(), -1,
                    new SecureRandom(), user());
            testIndex = OptionalInt.of(first.index());
        } catch (UserFacingException refusal) {
            testIndex = OptionalInt.empty();
        }
        uploaded = Optional.empty();
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

    /** The settings changed in the training form: they go into the address. */
    void presetChanged(LabPreset value) {
        preset = value;
        writeAddress();
    }

    /** A run's settings are to be trained again: into the form and the address. */
    void reuse(TrainingRequest request) {
        presetChanged(preset.withRequest(request));
        show(LabStep.TRAIN);
        ((TrainPanel) panels.get(LabStep.TRAIN)).showSettings(request);
    }

    Optional<ImageInput> image() {
        return uploaded.isPresent() ? uploaded : testImage().map(TestImages.TestImage::image);
    }

    /** The chosen test image (with its true label), or empty for an uploaded picture. */
    Optional<TestImages.TestImage> testImage() {
        if (testIndex.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(lab.testImage(courseId, testIndex.getAsInt(), user()));
        } catch (UserFacingException refusal) {
            return Optional.empty();
        }
    }

    void showTestImage(TestImages.TestImage value) {
        testIndex = OptionalInt.of(value.index());
        uploaded = Optional.empty();
        imageChanged();
    }

    void showUploaded(ImageInput value) {
        testIndex = OptionalInt.empty();
        uploaded = Optional.of(value);
        imageChanged();
    }

    /**
     * The selected trained run on the current image (computed once per image and run); empty when either is missing.
     */
    Optional<Classification> classification() {
        if (!classified) {
            classified = true;
            classification = Optional.empty();
            Optional<ImageInput> current = image();
            if (current.isPresent() && selected.filter(LabRun::trained).isPresent()) {
                try {
                    classification = Optional.of(lab.classify(courseId, selected.get().id(), current.get(), user()));
                } catch (UserFacingException refusal) {
                    Notifications.error(refusal);
                }
            }
        }
        return classification;
    }

    private void imageChanged() {
        classified = false;
        shown(LabStep.PIXELS, ImagePanel.class).ifPresent(ImagePanel::showImage);
        refreshShown();
    }

    Optional<LabRun> selected() {
        return selected;
    }

    /** A run becomes the one the training, model, classify and evaluate steps show. */
    void select(LabRun run) {
        selected = Optional.of(run);
        classified = false;
        shown(LabStep.TRAIN, TrainPanel.class).ifPresent(panel -> panel.follow(run));
        refreshShown();
    }

    /** The followed run finished (or changed): the steps that use a trained model look again when shown. */
    void runUpdated(LabRun run) {
        if (selected.map(s -> s.id() == run.id()).orElse(false)) {
            selected = Optional.of(run);
            classified = false;
        }
        refreshShown();
    }

    private void refreshShown() {
        shown(LabStep.MODEL, ModelPanel.class).ifPresent(ModelPanel::refresh);
        shown(LabStep.CLASSIFY, ClassifyPanel.class).ifPresent(ClassifyPanel::refresh);
        shown(LabStep.EVALUATE, EvaluatePanel.class).ifPresent(EvaluatePanel::refresh);
        shown(LabStep.HISTORY, HistoryPanel.class).ifPresent(HistoryPanel::refresh);
    }

    void open(LabStep step) {
        steps.setSelectedTab(tabs.get(step));
    }

    private void writeAddress() {
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null,
                LabLauncher.address(courseId, preset)));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("lab.heading");
    }
}
