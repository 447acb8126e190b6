package io.lecturelab.course.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * A page under "Administration" in the side navigation that a feature contributes as a CDI bean (e.g. the machine
 * learning page), shown to administrators only.
 */
public interface AdminNavigationItem {

    /** Position among the administration pages. */
    int order();

    /** Message key of the link's label. */
    String labelKey();

    VaadinIcon icon();

    Class<? extends Component> view();
}
