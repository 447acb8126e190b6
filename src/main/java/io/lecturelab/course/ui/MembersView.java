package io.lecturelab.course.ui;

import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.base.LimitedInputStream;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.Member;
import io.lecturelab.course.NewMember;
import io.lecturelab.course.RosterImport;
import io.lecturelab.course.RosterProblem;
import io.lecturelab.security.UserService.NewAccount;
import io.lecturelab.security.ui.CurrentUser;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadFormat;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadEvent;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Course staff see who takes part; instructors add people one by one or import a class roster from CSV. New
 * accounts get a temporary password that is shown here once, to hand over.
 */
@Route(value = CourseRoutes.PREFIX + "/members", layout = MainLayout.class)
@RequiresCourseRole({CourseRole.TA, CourseRole.INSTRUCTOR})
public class MembersView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final CourseService courses;
    private final CurrentUser currentUser;
    private final int maxRosterBytes;
    private final Grid<Member> grid = new Grid<>(Member.class, false);
    private final Div result = new Div();
    private final Div instructorTools = new Div();
    private long courseId;

    public MembersView(CourseService courses, CurrentUser currentUser, LectureLabConfig config) {
        this.courses = courses;
        this.currentUser = currentUser;
        this.maxRosterBytes = config.maxRosterBytes();
        addClassName("page");
        grid.addColumn(Member::displayName).setHeader(getTranslation("member.name")).setAutoWidth(true);
        grid.addColumn(Member::username).setHeader(getTranslation("member.username")).setAutoWidth(true);
        grid.addColumn(Member::studentId).setHeader(getTranslation("member.studentId")).setAutoWidth(true);
        grid.addColumn(Member::email).setHeader(getTranslation("member.email")).setAutoWidth(true);
        grid.addColumn(member -> getTranslation("role." + member.role().name()))
                .setHeader(getTranslation("member.role")).setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.setId("members");
        result.setId("import-result");
        add(new H2(getTranslation("members.heading")), grid, instructorTools);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        refresh();
        boolean instructor = courses.access(courseId, currentUser.require()).instructor();
        instructorTools.removeAll();
        if (instructor) {
            instructorTools.add(new H3(getTranslation("members.addOne")), addForm(),
                    new H3(getTranslation("members.import")), new Paragraph(getTranslation("members.importHelp")),
                    rosterUpload(), result);
        }
    }

    private FormLayout addForm() {
        TextField username = new TextField(getTranslation("member.username"));
        username.setId("new-member-username");
        username.setHelperText(getTranslation("member.usernameHelp"));
        TextField name = new TextField(getTranslation("member.name"));
        name.setId("new-member-name");
        EmailField email = new EmailField(getTranslation("member.email"));
        email.setId("new-member-email");
        TextField studentId = new TextField(getTranslation("member.studentId"));
        Select<CourseRole> role = new Select<>();
        role.setLabel(getTranslation("member.role"));
        role.setId("new-member-role");
        role.setItems(CourseRole.values());
        role.setItemLabelGenerator(r -> getTranslation("role." + r.name()));
        role.setValue(CourseRole.STUDENT);
        Button add = new Button(getTranslation("action.add"), click -> {
            try {
                courses.addMember(courseId, new NewMember(username.getValue(), name.getValue(), email.getValue(),
                                studentId.getValue().isBlank() ? null : studentId.getValue().strip(), role.getValue()),
                                currentUser.require())
                        .ifPresentOrElse(account -> showAccounts(List.of(account)),
                                () -> result.removeAll());
                Notifications.success(getTranslation("members.added", name.getValue()));
                username.clear();
                name.clear();
                email.clear();
                studentId.clear();
                refresh();
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("add-member");
        return new FormLayout(username, name, email, studentId, role, add);
    }

    private Upload rosterUpload() {
        Upload upload = new Upload();
        upload.setUploadFormat(UploadFormat.RAW);
        upload.setUploadHandler(event -> receiveRoster(event, upload));
        upload.setId("roster-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(maxRosterBytes);
        upload.setAcceptedFileTypes("text/csv", ".csv");
        UploadI18N i18n = new UploadI18N();
        i18n.setAddFiles(new UploadI18N.AddFiles().setOne(getTranslation("upload.add")));
        i18n.setDropFiles(new UploadI18N.DropFiles().setOne(getTranslation("upload.drop")));
        i18n.setError(new UploadI18N.Error().setFileIsTooBig(getTranslation("roster.error.tooLarge",
                maxRosterBytes / 1024)).setIncorrectFileType(getTranslation("roster.error.type"))
                .setTooManyFiles(getTranslation("upload.tooMany")));
        upload.setI18n(i18n);
        upload.addFileRejectedListener(event -> Notifications.error(event.getErrorMessage()));
        return upload;
    }

    /**
     * Runs on the upload's request thread. The browser checks type and size too, but a request can bypass it: the
     * name is checked before reading, and reading stops as soon as the file passes the (small) roster limit.
     */
    private void receiveRoster(UploadEvent event, Upload upload) {
        UI ui = event.getUI();
        RosterProblem problem = null;
        byte[] csv = null;
        if (!event.getFileName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            problem = new RosterProblem(0, "roster.error.type");
        } else {
            try (InputStream in = new LimitedInputStream(event.getInputStream(), maxRosterBytes,
                    () -> new UserFacingException("roster.error.tooLarge", maxRosterBytes / 1024))) {
                csv = in.readAllBytes();
            } catch (UserFacingException refusal) {
                problem = new RosterProblem(0, refusal.messageKey(), refusal.arguments());
            } catch (IOException broken) {
                problem = new RosterProblem(0, "upload.error.interrupted");
            }
        }
        if (problem != null) {
            event.reject(ui.getTranslation(problem.messageKey(), problem.arguments().toArray()));
        }
        RosterProblem refusal = problem;
        byte[] accepted = csv;
        ui.access(() -> {
            // Ready for the next (e.g. corrected) file whatever this one's outcome.
            upload.clearFileList();
            if (refusal != null) {
                showProblems(List.of(refusal));
            } else {
                importRoster(accepted);
            }
        });
    }

    private void importRoster(byte[] csv) {
        RosterImport outcome = courses.importRoster(courseId, csv, currentUser.require());
        if (!outcome.accepted()) {
            showProblems(outcome.problems());
            return;
        }
        result.removeAll();
        result.add(new Paragraph(getTranslation("roster.imported", outcome.enrolled(), outcome.alreadyMembers())));
        if (!outcome.created().isEmpty()) {
            showAccounts(outcome.created());
        }
        refresh();
    }

    private void showProblems(List<RosterProblem> problems) {
        result.removeAll();
        UnorderedList list = new UnorderedList();
        problems.forEach(problem -> {
            String text = getTranslation(problem.messageKey(), problem.arguments().toArray());
            list.add(new ListItem(problem.line() > 0 ? getTranslation("roster.line", problem.line(), text) : text));
        });
        Div box = new Div(new Paragraph(getTranslation("roster.rejected")), list);
        box.addClassName("roster-problems");
        result.add(box);
    }

    /** Temporary passwords, shown once; their owners must choose their own at first sign-in. */
    private void showAccounts(List<NewAccount> accounts) {
        NativeTableBody rows = new NativeTableBody();
        accounts.forEach(account -> {
            NativeTableCell password = new NativeTableCell(account.password());
            password.addClassName("password");
            rows.add(new NativeTableRow(new NativeTableCell(account.username()), password));
        });
        NativeTable table = new NativeTable(new NativeTableHeader(new NativeTableRow(
                new NativeTableHeaderCell(getTranslation("member.username")),
                new NativeTableHeaderCell(getTranslation("member.temporaryPassword")))), rows);
        table.setId("temporary-passwords");
        Div box = new Div(table);
        box.addClassName("markdown");
        result.add(new Paragraph(getTranslation("members.passwordsOnce")), box);
    }

    private void refresh() {
        grid.setItems(courses.members(courseId, currentUser.require()));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("members.heading");
    }
}
