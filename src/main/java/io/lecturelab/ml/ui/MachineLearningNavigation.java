package io.lecturelab.ml.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.lecturelab.course.ui.AdminNavigationItem;
import jakarta.enterprise.context.ApplicationScoped;

/** "Machine learning" under Administration. */
@ApplicationScoped
class MachineLearningNavigation implements AdminNavigationItem {

    @Override
    public int order() {
        return 100;
    }

    @Override
    public String labelKey() {
        return "nav.machineLearning";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.CLUSTER;
    }

    @Override
    public Class<? extends Component> view() {
        return MachineLearningView.class;
    }
}
