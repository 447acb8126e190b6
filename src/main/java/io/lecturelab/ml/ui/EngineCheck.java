package io.lecturelab.ml.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.lecturelab.ml.ClassifierService;
import io.lecturelab.ml.EngineInfo;
import io.lecturelab.ml.MlException;
import java.util.concurrent.CompletableFuture;

/**
 * Starts the classifier's engine on request and says what it found: engine, device and threads, or why it cannot
 * start (the translated reason and the server's explanation). In remote mode it asks the ML server.
 */
class EngineCheck extends Div {

    private final ClassifierService classifier;
    private final Button check = new Button();
    private final Div result = new Div();

    EngineCheck(ClassifierService classifier) {
        this.classifier = classifier;
        check.setText(getTranslation("ml.admin.checkEngine"));
        check.setId("engine-check");
        check.setDisableOnClick(true);
        check.addClickListener(click -> start(click.getSource().getUI().orElseThrow()));
        result.setId("engine-state");
        result.getElement().setAttribute("role", "status");
        result.getStyle().set("margin", "var(--lumo-space-s) 0");
        add(check, result);
    }

    private void start(UI ui) {
        result.setText(getTranslation("ml.admin.checkingEngine"));
        CompletableFuture.supplyAsync(classifier::engineInfo).whenComplete((info, failure) -> {
            try {
                ui.access(() -> {
                    show(info, failure);
                    check.setEnabled(true);
                });
            } catch (UIDetachedException gone) {
                // the administrator left the page; the engine stays started for the next user
            }
        });
    }

    private void show(EngineInfo info, Throwable failure) {
        result.removeAll();
        if (failure == null) {
            Span ok = new Span(getTranslation("ml.admin.engineReady"));
            ok.getElement().getThemeList().add("badge success");
            result.add(ok, new Span(" " + getTranslation("ml.admin.engineInfo", info.engine(), info.device(),
                    info.intraOpThreads(), info.trainingWorkers())));
            return;
        }
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        Span bad = new Span(getTranslation("ml.admin.engineBroken"));
        bad.getElement().getThemeList().add("badge error");
        Div why = new Div(cause instanceof MlException ml ? getTranslation(ml.messageKey())
                : getTranslation("ml.error.engineFailed"));
        why.setId("engine-error");
        Div detail = new Div(cause.getMessage());
        detail.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("overflow-wrap", "anywhere");
        result.add(bad, why, detail);
    }
}
