package io.lecturelab.course.ui;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.course.CourseHomeDrafts;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.CourseSettings;
import io.lecturelab.course.GradingPolicy;
import io.lecturelab.course.TeamRules;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.BeforeLeaveEvent;
import com.vaadin.flow.router.BeforeLeaveObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.lecturelab.draft.DraftService;
import io.lecturelab.draft.ui.DraftFields;
import io.lecturelab.draft.ui.DraftKeeper;
import io.lecturelab.security.ui.CurrentUser;

import java.util.Optional;

/**
 * The instructor edits what the course home page shows. Saving over someone else's newer save is refused with a
 * message, and the form keeps what was typed so nothing is lost. Unsaved changes are kept as a draft while typing and
 * offered back when the page opens again; leaving with unsaved changes asks first.
 */
@Route(value = CourseRoutes.PREFIX + "/settings", layout = MainLayout.class)
@RequiresCourseRole(CourseRole.INSTRUCTOR)
public class CourseSettingsView extends VerticalLayout implements BeforeEnterObserver, BeforeLeaveObserver,
        HasDynamicTitle {

    private final CourseService courses;
    private final CurrentUser currentUser;
    private final TextField title = text("settings.title");
    private final TextField term = text("settings.term");
    private final TextField timeZone = text("settings.timeZone");
    private final TextField instructorName = text("settings.instructorName");
    private final TextField instructorEmail = text("settings.instructorEmail");
    private final TextField instructorPhone = text("settings.instructorPhone");
    private final TextArea officeHours = area("settings.officeHours");
    private final TextField recordedLecture = text("settings.recordedLecture");
    private final TextField liveClass = text("settings.liveClass");
    private final TextField liveClassUrl = text("settings.liveClassUrl");
    private final IntegerField attendance = number("grading.attendance");
    private final IntegerField midterm = number("grading.midterm");
    private final IntegerField finalExam = number("grading.final");
    private final IntegerField homework = number("grading.homework");
    private final IntegerField programmingHomeworks = number("settings.programmingHomeworks");
    private final IntegerField paperReviews = number("settings.paperReviews");
    private final IntegerField teamMin = number("settings.teamMin");
    private final IntegerField teamMax = number("settings.teamMax");
    private final IntegerField presentationMinutes = number("settings.presentationMinutes");
    private final TextArea overview = area("settings.overview");
    private final TextArea resources = area("settings.resources");
    private final DraftKeeper keeper;
    private long courseId;
    private int version;

    public CourseSettingsView(CourseService courses, CurrentUser currentUser, DraftService drafts) {
        this.courses = courses;
        this.currentUser = currentUser;
        keeper = new DraftKeeper(drafts, currentUser::require, draftFields(), this);
        addClassName("page");
        Button save = new Button(getTranslation("action.save"), click -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-settings");
        add(new H2(getTranslation("settings.heading")), keeper,
                form(title, term, timeZone),
                new H3(getTranslation("home.instructor")),
                form(instructorName, instructorEmail, instructorPhone, officeHours),
                new H3(getTranslation("home.classFormat")),
                form(recordedLecture, liveClass, liveClassUrl),
                new H3(getTranslation("home.grading")),
                form(attendance, midterm, finalExam, homework, programmingHomeworks, paperReviews),
                new H3(getTranslation("home.team")),
                form(teamMin, teamMax, presentationMinutes),
                new H3(getTranslation("home.overview")), overview,
                new H3(getTranslation("home.resources")), resources,
                save, keeper.status());
    }

    /** Every field of the form, by name, as a draft keeps them. */
    private DraftFields draftFields() {
        DraftFields fields = new DraftFields();
        for (TextField field : new TextField[] {title, term, timeZone, instructorName, instructorEmail,
                instructorPhone, recordedLecture, liveClass, liveClassUrl}) {
            fields.text(field.getId().orElseThrow(), field);
            field.setValueChangeMode(ValueChangeMode.LAZY);
        }
        for (TextArea field : new TextArea[] {officeHours, overview, resources}) {
            // the server hears of typing while it goes on, so the draft keeps up with it
            fields.text(field.getId().orElseThrow(), field);
            field.setValueChangeMode(ValueChangeMode.LAZY);
        }
        for (IntegerField field : new IntegerField[] {attendance, midterm, finalExam, homework, programmingHomeworks,
                paperReviews, teamMin, teamMax, presentationMinutes}) {
            fields.number(field.getId().orElseThrow(), field);
        }
        return fields;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        courseId = CourseRoutes.courseId(event.getRouteParameters()).orElseThrow();
        keeper.loading();
        show(courses.settings(courseId, currentUser.require()));
        keeper.open(CourseHomeDrafts.of(courseId), version);
    }

    @Override
    public void beforeLeave(BeforeLeaveEvent event) {
        keeper.beforeLeave(event);
    }

    private void show(CourseSettings settings) {
        title.setValue(settings.title());
        term.setValue(settings.term());
        timeZone.setValue(settings.timeZone());
        instructorName.setValue(settings.instructorName());
        instructorEmail.setValue(settings.instructorEmail());
        instructorPhone.setValue(settings.instructorPhone());
        officeHours.setValue(settings.officeHours());
        recordedLecture.setValue(settings.recordedLecture());
        liveClass.setValue(settings.liveClass());
        liveClassUrl.setValue(settings.liveClassUrl());
        // Empty fields while the course has no grading policy or team rules: nothing is proposed that nobody chose.
        Optional<GradingPolicy> grading = settings.grading();
        attendance.setValue(grading.map(GradingPolicy::attendance).orElse(null));
        midterm.setValue(grading.map(GradingPolicy::midterm).orElse(null));
        finalExam.setValue(grading.map(GradingPolicy::finalExam).orElse(null));
        homework.setValue(grading.map(GradingPolicy::homework).orElse(null));
        programmingHomeworks.setValue(grading.map(GradingPolicy::programmingHomeworks).orElse(null));
        paperReviews.setValue(grading.map(GradingPolicy::paperReviews).orElse(null));
        Optional<TeamRules> team = settings.team();
        teamMin.setValue(team.map(TeamRules::minSize).orElse(null));
        teamMax.setValue(team.map(TeamRules::maxSize).orElse(null));
        presentationMinutes.setValue(team.map(TeamRules::presentationMinutes).orElse(null));
        overview.setValue(settings.overview());
        resources.setValue(settings.resources());
        version = settings.version();
    }

    private void save() {
        try {
            CourseSettings saved = courses.updateSettings(courseId, new CourseSettings(title.getValue(),
                    term.getValue(), timeZone.getValue(), instructorName.getValue(), instructorEmail.getValue(),
                    instructorPhone.getValue(), officeHours.getValue(), recordedLecture.getValue(),
                    liveClass.getValue(), liveClassUrl.getValue(),
                    GradingPolicy.fromFields(value(attendance), value(midterm), value(finalExam), value(homework),
                            value(programmingHomeworks), value(paperReviews)),
                    TeamRules.fromFields(value(teamMin), value(teamMax), value(presentationMinutes)),
                    overview.getValue(), resources.getValue(), version), currentUser.require());
            version = saved.version();
            keeper.saved(version);
            Notifications.success(getTranslation("settings.saved"));
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
    }

    /**
     * An empty field is null (a policy left out); an unparsable one counts as invalid input, reported by the records'
     * checks.
     */
    private static Integer value(IntegerField field) {
        if (field.getValue() == null) {
            return field.isInvalid() ? -1 : null;
        }
        return field.getValue();
    }

    private static FormLayout form(Component... fields) {
        FormLayout form = new FormLayout(fields);
        form.setWidthFull();
        return form;
    }

    private TextField text(String key) {
        TextField field = new TextField(getTranslation(key));
        field.setId(id(key));
        return field;
    }

    private TextArea area(String key) {
        TextArea field = new TextArea(getTranslation(key));
        field.setId(id(key));
        field.setWidthFull();
        field.setMinHeight("8em");
        return field;
    }

    private IntegerField number(String key) {
        IntegerField field = new IntegerField(getTranslation(key));
        field.setId(id(key));
        field.setStepButtonsVisible(true);
        return field;
    }

    private static String id(String key) {
        return key.replace('.', '-');
    }

    @Override
    public String getPageTitle() {
        return getTranslation("settings.heading");
    }
}
