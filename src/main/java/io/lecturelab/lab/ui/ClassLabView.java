package io.lecturelab.lab.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.lab.LabControl;
import io.lecturelab.lab.LabPreset;
import io.lecturelab.lab.LabRun;
import io.lecturelab.lab.LabService;
import io.lecturelab.lab.LabStep;
import io.lecturelab.ml.queue.JobStatus;
import io.lecturelab.security.ui.CurrentUser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The class's experiments for its staff, made for the projector: the queue, every student's latest run overlaid as
 * it trains (coloured by the swept setting when the address names a sweep), a leaderboard of test accuracy with
 * names shown or hidden, and a link that hands each student a different learning rate or L2 strength.
 */
@Route(value = CourseRoutes.PREFIX + "/demo/class", layout = MainLayout.class)
@RequiresCourseRole({CourseRole.TA, CourseRole.INSTRUCTOR})
public class ClassLabView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** How often the view reads the class's runs again. */
    static final int REFRESH_MILLIS = 1000;
    private static final String[] PALETTE = {"#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f",
            "#ad1457", "#4e342e", "#37474f", "#9e9d24"};

    private final LabService lab;
    private final CurrentUser currentUser;
    private final Paragraph queue = new Paragraph();
    private final CurveChart curves = new CurveChart();
    private final Div leaderboard = new Div();
    private final Checkbox showNames = new Checkbox();
    private final Div sweepLink = new Div();
    private final Map<Long, Integer> sent = new HashMap<>();
    private long courseId;
    private Optional<LabPreset.Sweep> sweep = Optional.empty();
    /** Runs shown: those with the address's settings (seed aside) when it names any, else every latest run. */
    private Optional<io.lecturelab.ml.TrainingRequest> preset = Optional.empty();
    private Registration polling;
    private String shownBoard = "";

    public ClassLabView(LabService lab, CurrentUser currentUser) {
        this.lab = lab;
        this.currentUser = currentUser;
        addClassName("page");
        addClassName("lab-class-page");
        queue.setId("class-queue");
        curves.setId("class-curves");
        TrainPanel.translate(curves, this);
        leaderboard.setId("class-leaderboard");
        leaderboard.addClassName("lab-scroll");
        showNames.setLabel(getTranslation("lab.class.showNames"));
        showNames.setId("class-show-names");
        showNames.addValueChangeListener(change -> refresh(true));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        Map<String, List<String>> query = event.getLocation().getQueryParameters().getParameters();
        LabPreset preset = LabPreset.fromQuery(query);
        sweep = preset.sweep();
        this.preset = java.util.stream.Stream.of("lr", "batch", "epochs", "l2", "bias", "classes")
                .anyMatch(query::containsKey) ? Optional.of(preset.request()) : Optional.empty();
        // read first: the service refuses non-staff before anything is shown
        List<LabRun> runs = lab.classRuns(courseId, currentUser.require());
        removeAll();
        Paragraph filter = new Paragraph(this.preset.map(r -> getTranslation("lab.class.filtered",
                HistoryPanel.describe(this, r))).orElse(getTranslation("lab.class.unfiltered")));
        filter.setId("class-filter");
        add(new H2(getTranslation("lab.class.heading")), new Paragraph(getTranslation("lab.class.intro")),
                filter, queue, new H3(getTranslation("lab.class.curves")), curves,
                new H3(getTranslation("lab.class.leaderboard")), showNames, leaderboard,
                new H3(getTranslation("lab.class.sweep")), sweepForm(), sweepLink);
        sweep.ifPresent(s -> showSweepLink(preset));
        show(runs, true);
    }

    private HorizontalLayout sweepForm() {
        Select<LabControl> control = new Select<>();
        control.setLabel(getTranslation("lab.class.sweepControl"));
        control.setItems(LabControl.LEARNING_RATE, LabControl.L2);
        control.setItemLabelGenerator(c -> getTranslation(c == LabControl.LEARNING_RATE ? "lab.lr" : "lab.l2"));
        control.setValue(sweep.map(LabPreset.Sweep::control).orElse(LabControl.LEARNING_RATE));
        control.setId("class-sweep-control");
        TextField values = new TextField(getTranslation("lab.class.sweepValues"));
        values.setHelperText(getTranslation("lab.class.sweepHelp"));
        values.setValue(sweep.map(s -> String.join(", ", s.values().stream().map(LabPreset::number).toList()))
                .orElse("0.001, 0.01, 0.1, 1"));
        values.setId("class-sweep-values");
        Button make = new Button(getTranslation("lab.class.sweepMake"), click -> {
            Map<String, List<String>> query = Map.of("sweep", List.of(control.getValue().key() + ":"
                    + values.getValue().replace(" ", "")), "step", List.of(LabStep.TRAIN.key()));
            LabPreset made = LabPreset.fromQuery(query);
            if (made.sweep().isEmpty() || !made.problems().isEmpty()) {
                values.setErrorMessage(getTranslation("lab.error.sweep"));
                values.setInvalid(true);
                return;
            }
            values.setInvalid(false);
            getUI().ifPresent(ui -> ui.navigate(ClassLabView.class, CourseRoutes.of(courseId),
                    QueryParameters.simple(made.toQuery())));
        });
        make.setId("class-sweep-make");
        HorizontalLayout form = new HorizontalLayout(control, values, make);
        form.setWrap(true);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return form;
    }

    private void showSweepLink(LabPreset preset) {
        String address = LabLauncher.address(courseId, preset.withStep(LabStep.TRAIN));
        Anchor link = new Anchor(address, getTranslation("lab.class.sweepLink"));
        link.setId("class-sweep-link");
        sweepLink.removeAll();
        sweepLink.add(new Paragraph(getTranslation("lab.class.sweepShare")), link);
    }

    /** Reads the class's runs; the curves get only the points they lack unless {@code full}. */
    private void refresh(boolean full) {
        try {
            show(lab.classRuns(courseId, currentUser.require()), full);
        } catch (io.lecturelab.base.UserFacingException refusal) {
            Notifications.error(refusal);
        }
    }

    private void show(List<LabRun> runs, boolean full) {
        if (full) {
            shownBoard = "";
        }
        long waiting = runs.stream().filter(r -> r.status() == JobStatus.QUEUED).count();
        long running = runs.stream().filter(r -> r.status() == JobStatus.RUNNING).count();
        String queueText = getTranslation("lab.class.queue", waiting, running,
                runs.stream().filter(LabRun::trained).count());
        if (!queueText.equals(queue.getText())) {
            queue.setText(queueText);
        }
        Map<Long, LabRun> latest = new LinkedHashMap<>();
        for (LabRun run : runs) {
            // runs come newest first; a cancelled or failed run does not hide the one before it
            boolean shown = run.active() || run.trained();
            if (shown && matchesSweep(run) && matchesPreset(run)) {
                latest.putIfAbsent(run.ownerId(), run);
            }
        }
        Map<Long, String> names = anonymous(runs);
        if (full) {
            sent.clear();
            List<CurveChart.Series> series = new ArrayList<>();
            int i = 0;
            for (LabRun run : latest.values()) {
                series.add(new CurveChart.Series(Long.toString(run.id()), label(run, names), colour(run, i++),
                        TrainPanel.points(run.curve())));
                sent.put(run.id(), run.curve().size());
            }
            curves.show(series);
        } else {
            boolean changed = latest.values().stream().anyMatch(r -> !sent.containsKey(r.id()));
            if (changed) {
                show(runs, true); // a new run: draw them all again, from what was just read
                return;
            }
            Map<String, List<CurveChart.Point>> added = new LinkedHashMap<>();
            for (LabRun run : latest.values()) {
                int have = sent.getOrDefault(run.id(), 0);
                if (run.curve().size() > have) {
                    added.put(Long.toString(run.id()), TrainPanel.points(run.curve().subList(have,
                            run.curve().size())));
                    sent.put(run.id(), run.curve().size());
                }
            }
            if (!added.isEmpty()) {
                curves.appendAll(added); // the whole class in one message
            }
        }
        showLeaderboard(runs, names);
    }

    private boolean matchesSweep(LabRun run) {
        return sweep.map(s -> s.values().contains(s.control() == LabControl.LEARNING_RATE
                ? run.request().learningRate() : run.request().l2Strength())).orElse(true);
    }

    private boolean matchesPreset(LabRun run) {
        if (preset.isEmpty()) {
            return true;
        }
        io.lecturelab.ml.TrainingRequest want = preset.get();
        io.lecturelab.ml.TrainingRequest have = run.request();
        boolean lrSwept = sweep.map(s -> s.control() == LabControl.LEARNING_RATE).orElse(false);
        boolean l2Swept = sweep.map(s -> s.control() == LabControl.L2).orElse(false);
        return have.batchSize() == want.batchSize() && have.epochs() == want.epochs() && have.bias() == want.bias()
                && have.classes() == want.classes() && (lrSwept || have.learningRate() == want.learningRate())
                && (l2Swept || have.l2Strength() == want.l2Strength());
    }

    private String colour(LabRun run, int index) {
        if (sweep.isPresent()) {
            double value = sweep.get().control() == LabControl.LEARNING_RATE ? run.request().learningRate()
                    : run.request().l2Strength();
            return PALETTE[Math.max(0, sweep.get().values().indexOf(value)) % PALETTE.length];
        }
        return PALETTE[index % PALETTE.length];
    }

    private String label(LabRun run, Map<Long, String> names) {
        String who = showNames.getValue() ? run.ownerName() : names.get(run.ownerId());
        return sweep.map(s -> who + " (" + (s.control() == LabControl.LEARNING_RATE ? "lr " : "λ ")
                + LabPreset.number(s.control() == LabControl.LEARNING_RATE ? run.request().learningRate()
                        : run.request().l2Strength()) + ")").orElse(who);
    }

    /** "Student 1", "Student 2", … in order of first submission, for the projector. */
    private Map<Long, String> anonymous(List<LabRun> runs) {
        Map<Long, String> names = new HashMap<>();
        runs.stream().sorted(Comparator.comparing(LabRun::submittedAt)).map(LabRun::ownerId).distinct()
                .forEach(owner -> names.put(owner, getTranslation("lab.class.student", names.size() + 1)));
        return names;
    }

    private void showLeaderboard(List<LabRun> runs, Map<Long, String> names) {
        Map<Long, LabRun> best = new LinkedHashMap<>();
        for (LabRun run : runs) {
            if (run.trained() && run.accuracy().isPresent()) {
                best.merge(run.ownerId(), run, (a, b) ->
                        a.accuracy().getAsDouble() >= b.accuracy().getAsDouble() ? a : b);
            }
        }
        List<LabRun> ranked = best.values().stream()
                .sorted(Comparator.comparingDouble((LabRun r) -> r.accuracy().getAsDouble()).reversed()).toList();
        // the same board is not sent again each second (200 rows are about 340 KB of changes)
        String board = showNames.getValue() + ranked.stream().map(r -> r.id() + ":" + r.accuracy().getAsDouble())
                .collect(java.util.stream.Collectors.joining(","));
        if (board.equals(shownBoard)) {
            return;
        }
        shownBoard = board;
        NativeTableRow head = new NativeTableRow(new NativeTableHeaderCell("#"),
                new NativeTableHeaderCell(getTranslation("lab.class.who")),
                new NativeTableHeaderCell(getTranslation("lab.class.accuracy")),
                new NativeTableHeaderCell(getTranslation("lab.class.settings")));
        NativeTableBody body = new NativeTableBody();
        int rank = 1;
        for (LabRun run : ranked) {
            NativeTableCell place = new NativeTableCell(Integer.toString(rank++));
            place.addClassName("num");
            NativeTableCell accuracy = new NativeTableCell(String.format(Locale.ROOT, "%.1f%%",
                    run.accuracy().getAsDouble() * 100));
            accuracy.addClassName("num");
            body.add(new NativeTableRow(place,
                    new NativeTableCell(showNames.getValue() ? run.ownerName() : names.get(run.ownerId())),
                    accuracy, new NativeTableCell(HistoryPanel.describe(this, run.request()))));
        }
        NativeTable table = new NativeTable(new NativeTableHeader(head), body);
        table.addClassName("lab-table");
        leaderboard.removeAll();
        leaderboard.add(ranked.isEmpty() ? new Paragraph(getTranslation("lab.class.noneYet")) : table);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        attachEvent.getUI().setPollInterval(REFRESH_MILLIS);
        polling = attachEvent.getUI().addPollListener(poll -> refresh(false));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        detachEvent.getUI().setPollInterval(-1);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("lab.class.heading");
    }
}
