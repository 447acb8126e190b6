package io.lecturelab.ml.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.ml.ClassifierService;
import io.lecturelab.ml.dataset.DatasetFile;
import io.lecturelab.ml.dataset.DatasetProvisioning;
import io.lecturelab.ml.dataset.DatasetState;
import io.lecturelab.security.AdminOnly;

import java.util.Locale;

/**
 * The administrator's view of machine learning on this server: how the engine is configured, a check that starts it
 * and shows its real state, and the CIFAR-10 data: its folder, its files, and its download with live progress.
 */
@Route(value = "admin/ml", layout = MainLayout.class)
@AdminOnly
public class MachineLearningView extends VerticalLayout implements HasDynamicTitle {

    private static final double MB = 1024.0 * 1024.0;

    private final DatasetProvisioning dataset;
    private final Grid<DatasetFile> files = new Grid<>(DatasetFile.class, false);
    private final Div status = new Div();
    private final ProgressBar progress = new ProgressBar();
    private final Span progressText = new Span();
    private AutoCloseable subscription;

    public MachineLearningView(DatasetProvisioning dataset, LectureLabConfig config, ClassifierService classifier) {
        this.dataset = dataset;
        addClassName("page");
        progress.setId("dataset-progress");
        progressText.setId("dataset-progress-text");
        status.setId("dataset-status");
        status.setWidthFull();

        files.setId("dataset-files");
        files.addColumn(DatasetFile::name).setHeader(getTranslation("ml.dataset.file"));
        files.addColumn(file -> getTranslation(file.present() ? "ml.dataset.present" : "ml.dataset.absent"))
                .setHeader(getTranslation("ml.dataset.presence"));
        files.addColumn(file -> file.present() ? getTranslation("ml.dataset.megabytes", file.bytes() / MB) : "")
                .setHeader(getTranslation("ml.dataset.size"));
        files.setAllRowsVisible(true);

        add(new H2(getTranslation("ml.admin.heading")),
                new H3(getTranslation("ml.admin.engine")), engine(config.ml()), new EngineCheck(classifier),
                new H3(getTranslation("ml.dataset.heading")),
                facts(getTranslation("ml.dataset.folder"), dataset.folder().toString()),
                status, files);
    }

    private Component engine(LectureLabConfig.Ml ml) {
        String where = ml.mode() == LectureLabConfig.Ml.Mode.REMOTE
                ? getTranslation("ml.admin.remote", ml.remoteUrl().orElse("?"))
                : getTranslation("ml.admin.inProcess");
        String device = switch (ml.device().toLowerCase(Locale.ROOT)) {
            case "auto" -> getTranslation("ml.admin.deviceAuto");
            case "cpu" -> getTranslation("ml.admin.deviceCpu");
            case "gpu" -> getTranslation("ml.admin.deviceGpu");
            default -> ml.device();
        };
        String role = switch (ml.role()) {
            case BOTH -> getTranslation("ml.admin.roleBoth");
            case WEB -> getTranslation("ml.admin.roleWeb");
            case WORKER -> getTranslation("ml.admin.roleWorker");
        };
        DescriptionList list = facts(getTranslation("ml.admin.classifier"), where);
        list.add(new DescriptionList.Term(getTranslation("ml.admin.device")), new DescriptionList.Description(device));
        list.add(new DescriptionList.Term(getTranslation("ml.admin.role")), new DescriptionList.Description(role));
        list.setId("ml-engine");
        return list;
    }

    private static DescriptionList facts(String term, String description) {
        DescriptionList list = new DescriptionList();
        list.add(new DescriptionList.Term(term), new DescriptionList.Description(description));
        list.getStyle().set("display", "grid").set("grid-template-columns", "max-content 1fr")
                .set("gap", "var(--lumo-space-xs) var(--lumo-space-m)").set("margin", "0");
        return list;
    }

    /** Shows a state; progress only moves the bar, so it does not flicker. */
    private void show(DatasetState state) {
        if (state instanceof DatasetState.Downloading downloading
                && status.getChildren().anyMatch(child -> child == progress)) {
            showProgress(downloading);
            return;
        }
        status.removeAll();
        switch (state) {
            case DatasetState.Ready ready -> {
                Span badge = new Span(getTranslation("ml.dataset.ready"));
                badge.getElement().getThemeList().add("badge success");
                badge.setId("dataset-ready");
                status.add(badge, new Span(" " + getTranslation("ml.dataset.readyText")));
            }
            case DatasetState.Missing missing -> {
                if (dataset.downloadAllowed()) {
                    status.add(paragraph(getTranslation("ml.dataset.missing", dataset.source().toString())),
                            button("dataset-download", "ml.dataset.downloadNow"));
                } else {
                    status.add(paragraph(getTranslation("ml.dataset.missingOff")));
                }
            }
            case DatasetState.Downloading downloading -> {
                status.add(paragraph(getTranslation("ml.dataset.downloading", dataset.source().toString())),
                        progress, progressText);
                showProgress(downloading);
            }
            case DatasetState.Unpacking unpacking -> {
                progress.setIndeterminate(true);
                progressText.setText(getTranslation("ml.dataset.unpacking"));
                status.add(progress, progressText);
            }
            case DatasetState.Failed failed -> {
                Div message = paragraph(getTranslation(failed.messageKey(), failed.arguments().toArray()));
                message.setId("dataset-error");
                message.getStyle().set("color", "var(--lumo-error-text-color)");
                Div detail = paragraph(failed.detail());
                detail.getStyle().set("color", "var(--lumo-secondary-text-color)")
                        .set("font-size", "var(--lumo-font-size-s)");
                status.add(message, detail);
                if (dataset.downloadAllowed()) {
                    status.add(button("dataset-retry", "ml.dataset.retry"));
                }
            }
        }
        files.setItems(dataset.files());
    }

    private void showProgress(DatasetState.Downloading downloading) {
        double fraction = downloading.fraction();
        progress.setIndeterminate(fraction < 0);
        progress.setValue(Math.max(0, fraction));
        progressText.setText(fraction < 0
                ? getTranslation("ml.dataset.progressUnknown", downloading.bytesDone() / MB)
                : getTranslation("ml.dataset.progress", downloading.bytesDone() / MB,
                        downloading.totalBytes() / MB));
    }

    private Button button(String id, String labelKey) {
        Button button = new Button(getTranslation(labelKey), click -> {
            dataset.start();
            show(dataset.state());
        });
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        button.setId(id);
        return button;
    }

    private static Div paragraph(String text) {
        Div div = new Div(text);
        div.getStyle().set("margin", "var(--lumo-space-s) 0");
        return div;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        subscription = dataset.listen(state -> ui.access(() -> show(state)));
        show(dataset.state());
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        try {
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            subscription = null;
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ml.admin.heading");
    }
}
