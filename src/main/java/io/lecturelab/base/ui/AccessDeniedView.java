package io.lecturelab.base.ui;

import com.vaadin.flow.router.HasDynamicTitle;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/** Shown, with status 403, when a signed-in user opens a page that is not theirs; says why in their language. */
@AnonymousAllowed
public class AccessDeniedView extends VerticalLayout implements HasErrorParameter<AccessDeniedException>,
        HasDynamicTitle {

    private final Paragraph reason = new Paragraph();

    public AccessDeniedView() {
        addClassName("access-denied");
        reason.addClassName("access-denied-reason");
        add(new H2(getTranslation("access.title")), reason, new Anchor("", getTranslation("access.home")));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        reason.setText(parameter.hasCustomMessage() ? parameter.getCustomMessage() : getTranslation("access.generic"));
        return HttpServletResponse.SC_FORBIDDEN;
    }

    /** A refused page still has a title (axe: document-title), so a screen reader says where the user is. */
    @Override
    public String getPageTitle() {
        return getTranslation("access.title") + " · " + getTranslation("app.name");
    }
}
