package io.lecturelab.announcement.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.lecturelab.announcement.AnnouncementDraft;
import io.lecturelab.announcement.AnnouncementItem;
import io.lecturelab.announcement.AnnouncementList;
import io.lecturelab.announcement.AnnouncementService;
import io.lecturelab.announcement.Posted;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.ui.CourseRoutes;
import io.lecturelab.course.ui.MainLayout;
import io.lecturelab.course.ui.RequiresCourseRole;
import io.lecturelab.lecture.LectureRenderer;
import io.lecturelab.lecture.ui.LectureContent;
import io.lecturelab.mail.MailOutbox;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.ui.CurrentUser;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The course's announcements, newest first, rendered as lectures are. Those the viewer had not read are marked "new"
 * on this visit and count as read afterwards. Staff post, edit and delete here; everyone can turn e-mail off.
 */
@Route(value = CourseRoutes.PREFIX + "/announcements", layout = MainLayout.class)
@RequiresCourseRole
@CssImport("./styles/announcements.css")
public class AnnouncementsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final AnnouncementService announcements;
    private final MailOutbox mail;
    private final CurrentUser currentUser;
    private final Div list = new Div();
    private long courseId;
    private ZoneId zone = ZoneId.of("UTC");
    private boolean staff;

    public AnnouncementsView(AnnouncementService announcements, MailOutbox mail, CurrentUser currentUser) {
        this.announcements = announcements;
        this.mail = mail;
        this.currentUser = currentUser;
        addClassName("page");
        list.addClassName("announcement-list");
        list.setId("announcement-list");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        SignedInUser viewer = currentUser.require();
        AnnouncementList all = announcements.list(courseId, viewer);
        staff = all.staff();
        zone = all.zone();
        removeAll();
        add(new H2(getTranslation("announcement.heading")));
        add(mailSetting(viewer));
        if (staff) {
            add(newAnnouncement());
        }
        add(list);
        show(all.items());
        List<Long> unread = all.items().stream().filter(AnnouncementItem::unread).map(AnnouncementItem::id).toList();
        if (!unread.isEmpty()) {
            announcements.markRead(courseId, unread, viewer);
        }
    }

    private Component mailSetting(SignedInUser viewer) {
        Div box = new Div();
        box.addClassName("announcement-mail");
        box.setId("announcement-mail");
        if (!mail.enabled()) {
            if (staff) {
                box.add(new Paragraph(getTranslation("announcement.mailOff")));
            } else {
                box.setVisible(false);
            }
            return box;
        }
        Checkbox wanted = new Checkbox(getTranslation("announcement.mailMe"), mail.wantsMail(viewer));
        wanted.setId("announcement-mail-me");
        wanted.setHelperText(getTranslation("announcement.mailMeHelp"));
        wanted.addValueChangeListener(change -> {
            if (!change.isFromClient()) {
                return;
            }
            mail.setWantsMail(currentUser.require(), change.getValue());
            Notifications.success(getTranslation(change.getValue() ? "announcement.mailOn"
                    : "announcement.mailStopped"));
        });
        box.add(wanted);
        return box;
    }

    private Component newAnnouncement() {
        Details create = new Details(getTranslation("announcement.newHeading"));
        create.setId("announcement-new");
        create.addClassName("announcement-panel");
        AnnouncementForm[] form = new AnnouncementForm[1];
        form[0] = new AnnouncementForm("announcement", Optional.empty(), mail.enabled(), (draft, email) -> {
            Posted posted = announcements.post(courseId, draft, email, currentUser.require());
            Notifications.success(posted.mailed() > 0 ? getTranslation("announcement.postedMailed", posted.mailed())
                    : getTranslation("announcement.posted"));
            form[0].clear();
            create.setOpened(false);
            refresh();
        }, null);
        create.add(form[0]);
        return create;
    }

    private void refresh() {
        show(announcements.list(courseId, currentUser.require()).items());
    }

    private void show(List<AnnouncementItem> items) {
        list.removeAll();
        if (items.isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("announcement.none"));
            none.setId("announcement-none");
            list.add(none);
        }
        items.forEach(item -> list.add(card(item)));
    }

    private Div card(AnnouncementItem item) {
        Div card = new Div();
        card.addClassName("announcement-card");
        card.setId("announcement-" + item.id());
        H3 title = new H3(item.title());
        title.addClassName("announcement-title");
        Div head = new Div(title);
        head.addClassName("announcement-head");
        if (item.unread()) {
            head.add(badge(getTranslation("announcement.new"), null));
            card.addClassName("unread");
        }
        String meta = (item.author().isEmpty() ? "" : item.author() + " · ") + When.of(item.postedAt(), zone)
                + item.editedAt().map(at -> " · " + getTranslation("announcement.edited", When.of(at, zone)))
                .orElse("");
        Paragraph byline = new Paragraph(meta);
        byline.addClassName("announcement-meta");
        card.add(head, byline, new LectureContent(LectureRenderer.render(item.body()).html()));
        if (staff) {
            Button edit = new Button(getTranslation("announcement.edit"), VaadinIcon.EDIT.create(),
                    click -> edit(card, item));
            edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            edit.addClassName("announcement-edit");
            Button delete = new Button(getTranslation("announcement.delete"), VaadinIcon.TRASH.create(),
                    click -> confirmDelete(item));
            delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            delete.addClassName("announcement-delete");
            Div actions = new Div(edit, delete);
            actions.addClassName("announcement-actions");
            card.add(actions);
        }
        return card;
    }

    private void edit(Div card, AnnouncementItem item) {
        card.removeAll();
        card.add(new AnnouncementForm("announcement-edit", Optional.of(new AnnouncementDraft(item.title(),
                item.body())), false, (draft, email) -> {
            announcements.update(courseId, item.id(), draft, item.version(), currentUser.require());
            Notifications.success(getTranslation("announcement.saved"));
            refresh();
        }, this::refresh));
    }

    private void confirmDelete(AnnouncementItem item) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(getTranslation("announcement.deleteHeading", item.title()));
        dialog.setText(getTranslation("announcement.deleteText"));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("announcement.cancel"));
        Button confirm = new Button(getTranslation("announcement.delete"), click -> {
            dialog.close();
            try {
                announcements.delete(courseId, item.id(), currentUser.require());
                Notifications.success(getTranslation("announcement.deleted"));
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
            refresh();
        });
        confirm.setId("announcement-delete-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.setConfirmButton(confirm);
        dialog.setId("announcement-delete-dialog");
        dialog.open();
    }

    /** A small Lumo badge ({@code theme} adds e.g. "success"), also used on the course home. */
    static Span badge(String text, String idOrNull) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add("badge");
        badge.addClassName("announcement-badge");
        if (idOrNull != null) {
            badge.setId(idOrNull);
        }
        return badge;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("announcement.heading");
    }
}
