package io.lecturelab.course.ui;

import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.base.LimitedInputStream;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.Member;
import io.lecturelab.course.MemberSort;
import io.lecturelab.course.NewMember;
import io.lecturelab.course.RosterImport;
import io.lecturelab.course.RosterPreview;
import io.lecturelab.course.RosterProblem;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService.NewAccount;
import io.lecturelab.security.ui.CurrentUser;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadFormat;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadEvent;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Course staff find members (search, sort by name, student number or role). Instructors also add people, change
 * roles, remove members, reset passwords (a temporary password shown once, with a copy button) and import a class
 * roster: the file is previewed first (new accounts, existing accounts enrolled, lines refused with reasons) and then
 * applied whole. Teaching assistants only find members; every action is decided again in {@link CourseService}.
 * Members are cards, so the page reads the same at 390 px and 1366 px.
 */
@Route(value = CourseRoutes.PREFIX + "/members", layout = MainLayout.class)
@RequiresCourseRole({CourseRole.TA, CourseRole.INSTRUCTOR})
@CssImport("./styles/members.css")
public class MembersView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final CourseService courses;
    private final CurrentUser currentUser;
    private final int maxRosterBytes;
    private final TextField search = new TextField();
    private final Select<MemberSort> sort = new Select<>();
    private final Span count = new Span();
    private final Div list = new Div();
    private final Div result = new Div();
    private final Div staffHelp = new Div();
    private final Div instructorTools = new Div();
    private long courseId;
    private boolean instructor;
    private byte[] previewedCsv;
    private RosterPreview preview;

    public MembersView(CourseService courses, CurrentUser currentUser, LectureLabConfig config) {
        this.courses = courses;
        this.currentUser = currentUser;
        this.maxRosterBytes = config.maxRosterBytes();
        addClassName("page");
        addClassName("members-page");
        search.setLabel(getTranslation("members.search"));
        search.setHelperText(getTranslation("members.searchHelp"));
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setId("member-search");
        search.addValueChangeListener(event -> refresh());
        sort.setLabel(getTranslation("members.sort"));
        sort.setItems(MemberSort.values());
        sort.setItemLabelGenerator(s -> getTranslation("members.sort." + s.name()));
        sort.setValue(MemberSort.ROLE);
        sort.setId("member-sort");
        sort.addValueChangeListener(event -> refresh());
        count.setId("member-count");
        count.getElement().setAttribute("aria-live", "polite");
        Div toolbar = new Div(search, sort, count);
        toolbar.addClassName("mb-toolbar");
        list.addClassName("mb-list");
        list.setId("members");
        result.setId("import-result");
        add(new H2(getTranslation("members.heading")), staffHelp, toolbar, list, instructorTools);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        CourseAccess access = courses.access(courseId, currentUser.require());
        instructor = access.instructor();
        staffHelp.removeAll();
        staffHelp.add(new Paragraph(getTranslation(instructor ? "members.removedHelp" : "members.taHelp")));
        instructorTools.removeAll();
        if (instructor) {
            instructorTools.add(new H3(getTranslation("members.addOne")), addForm(),
                    new H3(getTranslation("members.import")), new Paragraph(getTranslation("members.importHelp")),
                    rosterUpload(), result);
        }
        refresh();
    }

    // --- the list ------------------------------------------------------------------------------------------------

    private void refresh() {
        SignedInUser viewer = currentUser.require();
        List<Member> found = courses.members(courseId, search.getValue(), sort.getValue(), viewer);
        count.setText(getTranslation("members.count", found.size()));
        list.removeAll();
        found.forEach(member -> list.add(card(member, viewer)));
    }

    private Component card(Member member, SignedInUser viewer) {
        boolean self = member.userId() == viewer.id();
        Span name = new Span(member.displayName() + (self ? " " + getTranslation("members.you") : ""));
        name.addClassName("mb-name");
        Div facts = new Div();
        facts.addClassName("mb-facts");
        facts.add(fact("member.username", member.username()));
        if (member.studentId() != null && !member.studentId().isBlank()) {
            facts.add(fact("member.studentId", member.studentId()));
        }
        if (member.email() != null && !member.email().isBlank()) {
            facts.add(fact("member.email", member.email()));
        }
        Div card = new Div();
        card.addClassName("mb-card");
        card.getElement().setAttribute("data-username", member.username());
        if (!instructor) {
            Span role = new Span(getTranslation("role." + member.role().name()));
            role.addClassName("mb-role");
            card.add(new Div(name, role), facts);
            return card;
        }
        Select<CourseRole> role = new Select<>();
        role.setLabel(getTranslation("member.role"));
        role.setAriaLabel(getTranslation("members.roleOf", member.displayName()));
        role.setItems(CourseRole.values());
        role.setItemLabelGenerator(r -> getTranslation("role." + r.name()));
        role.setValue(member.role());
        role.addClassName("mb-role-select");
        role.addValueChangeListener(event -> {
            if (!event.isFromClient() || event.getValue() == null) {
                return;
            }
            try {
                courses.changeRole(courseId, member.userId(), event.getValue(), currentUser.require());
                Notifications.success(getTranslation("members.roleChanged", member.displayName(),
                        getTranslation("role." + event.getValue().name())));
                refresh();
            } catch (UserFacingException refusal) {
                role.setValue(event.getOldValue());
                Notifications.error(refusal);
            }
        });
        Div actions = new Div(role);
        actions.addClassName("mb-actions");
        if (!self) {
            Button reset = new Button(getTranslation("members.reset"), click -> confirmReset(member));
            reset.setAriaLabel(getTranslation("members.resetOf", member.displayName()));
            reset.addClassName("mb-reset");
            reset.addThemeVariants(ButtonVariant.LUMO_SMALL);
            actions.add(reset);
        }
        Button remove = new Button(getTranslation("members.remove"), click -> confirmRemove(member));
        remove.setAriaLabel(getTranslation("members.removeOf", member.displayName()));
        remove.addClassName("mb-remove");
        remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        actions.add(remove);
        card.add(new Div(name), facts, actions);
        return card;
    }

    private Component fact(String labelKey, String value) {
        Span label = new Span(getTranslation(labelKey) + ": ");
        label.addClassName("mb-label");
        Span fact = new Span(label, new Span(value));
        fact.addClassName("mb-fact");
        return fact;
    }

    private void confirmRemove(Member member) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(getTranslation("members.removeConfirm.title", member.displayName()));
        dialog.setText(getTranslation("members.removeConfirm.text"));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("members.cancel"));
        dialog.setConfirmText(getTranslation("members.remove"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(event -> {
            try {
                courses.removeMember(courseId, member.userId(), currentUser.require());
                Notifications.success(getTranslation("members.removed", member.displayName()));
                refresh();
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        dialog.open();
    }

    private void confirmReset(Member member) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(getTranslation("members.resetConfirm.title", member.displayName()));
        dialog.setText(getTranslation("members.resetConfirm.text"));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("members.cancel"));
        dialog.setConfirmText(getTranslation("members.reset"));
        dialog.addConfirmListener(event -> {
            try {
                NewAccount account = courses.resetPassword(courseId, member.userId(), currentUser.require());
                showTemporaryPassword(member, account);
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        dialog.open();
    }

    /** The new password, once: closing the dialog forgets it (the server keeps only its hash). */
    private void showTemporaryPassword(Member member, NewAccount account) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("members.resetDone.title", member.displayName()));
        Span password = new Span(account.password());
        password.setId("reset-password");
        password.addClassName("mb-password");
        Button copy = copyButton(getTranslation("members.copy"), account.password());
        copy.setAriaLabel(getTranslation("members.copyPassword"));
        copy.setId("copy-reset-password");
        Div line = new Div(password, copy);
        line.addClassName("mb-password-line");
        dialog.add(new Paragraph(getTranslation("members.resetDone.text", member.displayName(), account.username())),
                line);
        Button close = new Button(getTranslation("members.close"), click -> dialog.close());
        close.setId("close-reset-password");
        dialog.getFooter().add(close);
        dialog.open();
    }

    private Button copyButton(String text, String value) {
        Button copy = new Button(text);
        copy.addThemeVariants(ButtonVariant.LUMO_SMALL);
        copy.addClickListener(click -> copy.getElement()
                .executeJs("return navigator.clipboard.writeText($0)", value)
                .then(ok -> Notifications.success(getTranslation("members.copied")),
                        failed -> Notifications.error(getTranslation("members.copyFailed"))));
        return copy;
    }

    // --- adding one person -------------------------------------------------------------------------------------

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
                        .ifPresentOrElse(account -> {
                            result.removeAll();
                            showAccounts(List.of(account));
                        }, result::removeAll);
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

    // --- roster import: preview, then apply ----------------------------------------------------------------------

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
                previewedCsv = null;
                preview = null;
                result.removeAll();
                result.add(problems(List.of(refusal)));
            } else {
                showPreview(accepted);
            }
        });
    }

    private void showPreview(byte[] csv) {
        try {
            preview = courses.previewRoster(courseId, csv, currentUser.require());
            previewedCsv = csv;
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
            return;
        }
        result.removeAll();
        Div box = new Div(new H4(getTranslation("members.preview.heading")));
        box.addClassName("mb-preview");
        box.setId("roster-preview");
        box.add(section("members.preview.new", "preview-new", preview.newAccounts().size(),
                preview.newAccounts().stream().map(l -> getTranslation("members.preview.line", l.line(),
                        l.studentId(), l.name(), l.email())).toList()));
        box.add(section("members.preview.existing", "preview-existing", preview.existingAccounts().size(),
                preview.existingAccounts().stream().map(l -> getTranslation("members.preview.lineAccount", l.line(),
                        l.studentId(), l.name(), l.username())).toList()));
        box.add(section("members.preview.already", "preview-already", preview.alreadyMembers().size(),
                preview.alreadyMembers().stream().map(l -> getTranslation("members.preview.lineAccount", l.line(),
                        l.studentId(), l.name(), l.username())).toList()));
        if (!preview.refused().isEmpty()) {
            Div refused = section("members.preview.refused", "preview-refused", preview.refused().size(),
                    preview.refused().stream().map(this::describe).toList());
            refused.addClassName("roster-problems");
            refused.add(new Paragraph(getTranslation("members.preview.refusedHelp")));
            box.add(refused);
        }
        if (preview.applicable()) {
            int students = preview.newAccounts().size() + preview.existingAccounts().size();
            Button apply = new Button(getTranslation("members.preview.apply", students), click -> apply());
            apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            apply.setId("apply-roster");
            Button cancel = new Button(getTranslation("members.cancel"), click -> {
                preview = null;
                previewedCsv = null;
                result.removeAll();
            });
            cancel.setId("cancel-roster");
            Div buttons = new Div(apply, cancel);
            buttons.addClassName("mb-actions");
            box.add(buttons);
        } else if (preview.refused().isEmpty()) {
            box.add(new Paragraph(getTranslation("members.preview.nothing")));
        }
        result.add(box);
    }

    private Div section(String key, String id, int size, List<String> lines) {
        Div section = new Div(new Paragraph(getTranslation(key, size)));
        section.setId(id);
        section.addClassName("mb-preview-section");
        if (!lines.isEmpty()) {
            UnorderedList items = new UnorderedList();
            lines.forEach(line -> items.add(new ListItem(line)));
            section.add(items);
        }
        return section;
    }

    private void apply() {
        if (previewedCsv == null || preview == null) {
            return;
        }
        RosterImport outcome = courses.applyRoster(courseId, previewedCsv, preview, currentUser.require());
        if (!outcome.accepted()) {
            if (outcome.problems().stream().anyMatch(p -> p.messageKey().equals("roster.error.changed"))) {
                // The database moved on since the preview: say so and show what the file would do now.
                byte[] csv = previewedCsv;
                showPreview(csv);
                result.addComponentAsFirst(problems(outcome.problems()));
            } else {
                result.removeAll();
                result.add(problems(outcome.problems()));
            }
            return;
        }
        preview = null;
        previewedCsv = null;
        result.removeAll();
        Paragraph done = new Paragraph(getTranslation("roster.imported", outcome.enrolled(),
                outcome.alreadyMembers()));
        done.setId("roster-imported");
        result.add(done);
        if (!outcome.created().isEmpty()) {
            showAccounts(outcome.created());
        }
        refresh();
    }

    private String describe(RosterProblem problem) {
        Object[] arguments = problem.arguments().stream()
                .map(a -> a instanceof CourseRole role ? getTranslation("role." + role.name()) : a)
                .toArray();
        String text = getTranslation(problem.messageKey(), arguments);
        return problem.line() > 0 ? getTranslation("roster.line", problem.line(), text) : text;
    }

    private Component problems(List<RosterProblem> problems) {
        UnorderedList items = new UnorderedList();
        problems.forEach(problem -> items.add(new ListItem(describe(problem))));
        Div box = new Div(new Paragraph(getTranslation("roster.rejected")), items);
        box.addClassName("roster-problems");
        return box;
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
        box.addClassName("mb-table-box");
        Button copyAll = copyButton(getTranslation("members.copyAll"), accounts.stream()
                .map(a -> a.username() + "\t" + a.password()).collect(Collectors.joining("\n")));
        copyAll.setId("copy-passwords");
        result.add(new Paragraph(getTranslation("members.passwordsOnce")), copyAll, box);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("members.heading");
    }
}
