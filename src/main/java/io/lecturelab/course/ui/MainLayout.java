package io.lecturelab.course.ui;

import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.CourseSummary;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import io.lecturelab.security.ui.CurrentUser;
import io.lecturelab.security.ui.LanguageSwitch;
import io.lecturelab.security.ui.SignOut;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.RouteParameters;

import jakarta.enterprise.inject.Instance;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The frame around every signed-in page: a header with the course's name, the language switch and the user menu,
 * and a side navigation with the course's pages (its own and those that features contribute) and, for
 * administrators, the administration pages (also open to features' contributions).
 */
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private static final List<CourseNavigationItem> OWN_LINKS = List.of(
            new CourseLink(0, "nav.home", VaadinIcon.HOME, CourseHomeView.class, role -> true),
            new CourseLink(900, "nav.members", VaadinIcon.USERS, MembersView.class,
                    role -> role.map(CourseRole::isStaff).orElse(true)),
            new CourseLink(1000, "nav.settings", VaadinIcon.COG, CourseSettingsView.class,
                    role -> role.map(r -> r == CourseRole.INSTRUCTOR).orElse(true)));

    private static final String ACCOUNT_ROUTE = "account";

    private final CurrentUser currentUser;
    private final CourseService courses;
    private final Instance<CourseNavigationItem> contributions;
    private final Instance<AdminNavigationItem> adminPages;
    private final H1 title = new H1();
    private final SideNav navigation = new SideNav();

    public MainLayout(CurrentUser currentUser, CourseService courses, UserService users, SignOut signOut,
                      Instance<CourseNavigationItem> contributions, Instance<AdminNavigationItem> adminPages) {
        this.currentUser = currentUser;
        this.courses = courses;
        this.contributions = contributions;
        this.adminPages = adminPages;
        title.addClassName("course-title");

        MenuBar userMenu = new MenuBar();
        userMenu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        userMenu.addClassName("user-menu");
        SubMenu menu = userMenu.addItem(currentUser.get().map(SignedInUser::displayName).orElse("")).getSubMenu();
        menu.addItem(getTranslation("nav.account"), click -> getUI().ifPresent(ui -> ui.navigate(ACCOUNT_ROUTE)));
        menu.addItem(getTranslation("nav.signOut"), click -> getUI().ifPresent(signOut::signOut));

        DrawerToggle toggle = new DrawerToggle();
        toggle.setAriaLabel(getTranslation("nav.menu"));
        LanguageSwitch language = new LanguageSwitch(currentUser, users);
        language.addClassName("header-language");
        HorizontalLayout header = new HorizontalLayout(toggle, title, new Span(), language, userMenu);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(header.getComponentAt(2));
        header.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(true, header);
        addToDrawer(navigation, phoneAccount(currentUser, users, signOut));
        setPrimarySection(Section.DRAWER);
    }

    /**
     * On a phone the header has room for the menu button and the title only: who is signed in, the account page,
     * the language and signing out move to the foot of the drawer (the style sheet shows them below 640 px).
     */
    private Component phoneAccount(CurrentUser currentUser, UserService users, SignOut signOut) {
        Span who = new Span(currentUser.get().map(SignedInUser::displayName).orElse(""));
        who.addClassName("drawer-user");
        Anchor account = new Anchor(ACCOUNT_ROUTE, getTranslation("nav.account"));
        account.getElement().setAttribute("router-link", true);
        account.setId("drawer-account");
        LanguageSwitch language = new LanguageSwitch(currentUser, users);
        language.setId("drawer-language");
        Button out = new Button(getTranslation("nav.signOut"), VaadinIcon.SIGN_OUT.create(),
                click -> getUI().ifPresent(signOut::signOut));
        out.setId("drawer-sign-out");
        out.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Div box = new Div(who, account, language, out);
        box.addClassName("drawer-account");
        return box;
    }

    /** A long page scrolls inside the layout: it takes keyboard focus, so it can be scrolled without a mouse. */
    @Override
    public void showRouterLayoutContent(HasElement content) {
        super.showRouterLayoutContent(content);
        if (content != null) {
            content.getElement().setAttribute("tabindex", "0");
        }
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        Optional<CourseSummary> course = CourseRoutes.courseId(event.getRouteParameters()).flatMap(courses::find);
        title.setText(course.map(CourseSummary::title).orElseGet(() -> getTranslation("app.name")));
        navigation.removeAll();
        navigation.addItem(new SideNavItem(getTranslation("nav.courses"), CoursesView.class,
                VaadinIcon.ACADEMY_CAP.create()));
        Optional<SignedInUser> user = currentUser.get();
        course.ifPresent(c -> user.ifPresent(u -> addCourseLinks(c.id(), courses.roleOf(u.id(), c.id()))));
        if (user.map(SignedInUser::admin).orElse(false)) {
            // flat, not nested: a nested item's toggle carries an aria-controls that axe-core finds invalid
            navigation.addItem(new SideNavItem(getTranslation("nav.admin"), AdminCoursesView.class,
                    VaadinIcon.TOOLS.create()));
            adminPages.stream().sorted(Comparator.comparingInt(AdminNavigationItem::order))
                    .forEach(page -> navigation.addItem(new SideNavItem(getTranslation(page.labelKey()),
                            page.view(), page.icon().create())));
        }
    }

    private void addCourseLinks(long courseId, Optional<CourseRole> role) {
        RouteParameters parameters = CourseRoutes.of(courseId);
        RouteConfiguration routes = RouteConfiguration.forApplicationScope();
        Stream.concat(OWN_LINKS.stream(), contributions.stream())
                .filter(link -> link.visibleTo(role))
                .sorted(Comparator.comparingInt(CourseNavigationItem::order))
                .forEach(link -> navigation.addItem(new SideNavItem(getTranslation(link.labelKey()),
                        routes.getUrl(link.view(), parameters), link.icon().create())));
    }

    private record CourseLink(int order, String labelKey, VaadinIcon icon, Class<? extends Component> view,
                              Predicate<Optional<CourseRole>> visibility)
            implements CourseNavigationItem {

        @Override
        public boolean visibleTo(Optional<CourseRole> role) {
            return visibility.test(role);
        }
    }
}
