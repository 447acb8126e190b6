package io.lecturelab.base.ui;

import com.vaadin.flow.component.UI;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Consumer;

/** The browser's time zone, as Vaadin's extended client details report it. */
public final class ViewerZone {

    private ViewerZone() {
    }

    public static void ask(UI ui, Consumer<Optional<ZoneId>> then) {
        ui.getPage().retrieveExtendedClientDetails(details -> then.accept(parse(details.getTimeZoneId())));
    }

    public static Optional<ZoneId> parse(String id) {
        try {
            return id == null || id.isBlank() ? Optional.empty() : Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
