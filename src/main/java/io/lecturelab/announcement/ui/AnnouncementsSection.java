package io.lecturelab.announcement.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.RouterLink;
import io.lecturelab.announcement.AnnouncementItem;
import io.lecturelab.announcement.AnnouncementList;
import io.lecturelab.announcement.AnnouncementService;
import io.lecturelab.course.ui.CourseHomeSection;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The newest announcements at the top of the course home, those the viewer has not read marked "new", and how many
 * unread ones there are in all. Students see nothing while there is no announcement; staff see a link to post one.
 */
@ApplicationScoped
class AnnouncementsSection implements CourseHomeSection {

    static final int SHOWN = 3;

    private final AnnouncementService announcements;

    AnnouncementsSection(AnnouncementService announcements) {
        this.announcements = announcements;
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public Optional<Component> section(long courseId, SignedInUser viewer) {
        AnnouncementList latest = announcements.latest(courseId, SHOWN, viewer);
        if (latest.items().isEmpty() && !latest.staff()) {
            return Optional.empty();
        }
        Div box = new Div();
        box.addClassName("home-section");
        box.setId("announcements-home");
        box.setWidthFull();
        H3 heading = new H3(text("announcement.heading"));
        box.add(heading);
        if (latest.unread() > 0) {
            Span unread = AnnouncementsView.badge(UI.getCurrent().getTranslation("announcement.unreadCount",
                    latest.unread()), "announcements-unread");
            box.add(unread);
        }
        if (latest.items().isEmpty()) {
            box.add(new Div(new Span(text("announcement.none"))));
        } else {
            UnorderedList list = new UnorderedList();
            list.addClassName("announcement-home-list");
            for (AnnouncementItem item : latest.items()) {
                RouterLink link = new RouterLink(item.title(), AnnouncementsView.class, CourseRoutes.of(courseId));
                ListItem line = new ListItem(link, new Span(" — " + When.of(item.postedAt(), latest.zone())));
                if (item.unread()) {
                    line.add(new Span(" "), AnnouncementsView.badge(text("announcement.new"), null));
                    line.addClassName("unread");
                }
                line.setId("announcement-home-" + item.id());
                list.add(line);
            }
            box.add(list);
        }
        RouterLink all = new RouterLink(text(latest.staff() ? "announcement.allOrPost" : "announcement.all"),
                AnnouncementsView.class, CourseRoutes.of(courseId));
        all.setId("announcements-all");
        box.add(new Div(all));
        return Optional.of(box);
    }

    private static String text(String key) {
        return UI.getCurrent().getTranslation(key);
    }
}
