package io.lecturelab.base.ui;

import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.shared.ApplicationConstants;
import com.vaadin.flow.theme.lumo.Lumo;

/** The HTML page every view lives in: Lumo theme, our styles, server push for live updates. */
@Push
// "context://": the servlet container serves Lumo's sheet; a bare "lumo/lumo.css" makes Undertow log a stack
// trace when Vaadin hashes the file for cache busting (vaadin/flow#24491)
@StyleSheet(ApplicationConstants.CONTEXT_PROTOCOL_PREFIX + Lumo.STYLESHEET)
@CssImport("./styles/lecturelab.css")
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addMetaTag("viewport", "width=device-width, initial-scale=1");
    }
}
