package io.lecturelab.course;

import io.lecturelab.base.UserFacingException;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the course home page shows, as the instructor edits it. {@code version} is the version that was read;
 * saving a stale one is refused so that two editors never silently overwrite each other. The grading policy and the
 * team rules are empty until an instructor enters them: a new course shows no rules nobody decided.
 */
public record CourseSettings(String title, String term, String timeZone, String instructorName,
                             String instructorEmail, String instructorPhone, String officeHours,
                             String recordedLecture, String liveClass, String liveClassUrl,
                             Optional<GradingPolicy> grading, Optional<TeamRules> team, String overview,
                             String resources, int version) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public CourseSettings {
        title = clean(title);
        term = clean(term);
        timeZone = clean(timeZone);
        instructorName = clean(instructorName);
        instructorEmail = clean(instructorEmail);
        instructorPhone = clean(instructorPhone);
        officeHours = clean(officeHours);
        recordedLecture = clean(recordedLecture);
        liveClass = clean(liveClass);
        liveClassUrl = clean(liveClassUrl);
        overview = overview == null ? "" : overview;
        resources = resources == null ? "" : resources;
        if (title.isEmpty() || title.length() > 200) {
            throw new UserFacingException("course.error.title");
        }
        if (term.isEmpty() || term.length() > 64) {
            throw new UserFacingException("course.error.term");
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new UserFacingException("course.error.timeZone", timeZone);
        }
        if (!instructorEmail.isEmpty() && !EMAIL.matcher(instructorEmail).matches()) {
            throw new UserFacingException("course.error.email", instructorEmail);
        }
        if (!liveClassUrl.isEmpty() && !liveClassUrl.matches("https?://\\S+")) {
            throw new UserFacingException("course.error.url", liveClassUrl);
        }
        grading = grading == null ? Optional.empty() : grading;
        team = team == null ? Optional.empty() : team;
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    static boolean isEmail(String value) {
        return EMAIL.matcher(value).matches();
    }
}
