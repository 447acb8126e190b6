package io.lecturelab.course;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A course in one term, with the facts its home page shows. */
@Entity
@Table(name = "course")
class Course {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false, unique = true)
    String slug;

    @Column(nullable = false)
    String title;

    @Column(nullable = false)
    String term;

    @Column(name = "time_zone", nullable = false)
    String timeZone = "Asia/Seoul";

    @Column(name = "instructor_name", nullable = false)
    String instructorName = "";

    @Column(name = "instructor_email", nullable = false)
    String instructorEmail = "";

    @Column(name = "instructor_phone", nullable = false)
    String instructorPhone = "";

    @Column(name = "office_hours", nullable = false)
    String officeHours = "";

    @Column(name = "recorded_lecture", nullable = false)
    String recordedLecture = "";

    @Column(name = "live_class", nullable = false)
    String liveClass = "";

    @Column(name = "live_class_url", nullable = false)
    String liveClassUrl = "";

    @Column(name = "attendance_weight", nullable = false)
    int attendanceWeight = 10;

    @Column(name = "midterm_weight", nullable = false)
    int midtermWeight = 30;

    @Column(name = "final_weight", nullable = false)
    int finalWeight = 30;

    @Column(name = "homework_weight", nullable = false)
    int homeworkWeight = 30;

    @Column(name = "programming_homeworks", nullable = false)
    int programmingHomeworks = 3;

    @Column(name = "paper_reviews", nullable = false)
    int paperReviews = 1;

    @Column(name = "team_min_size", nullable = false)
    int teamMinSize = 2;

    @Column(name = "team_max_size", nullable = false)
    int teamMaxSize = 3;

    @Column(name = "presentation_minutes", nullable = false)
    int presentationMinutes = 7;

    @Column(nullable = false)
    String overview = "";

    @Column(nullable = false)
    String resources = "";

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Version
    int version;

    CourseSettings settings() {
        return new CourseSettings(title, term, timeZone, instructorName, instructorEmail, instructorPhone,
                officeHours, recordedLecture, liveClass, liveClassUrl,
                new GradingPolicy(attendanceWeight, midtermWeight, finalWeight, homeworkWeight, programmingHomeworks,
                        paperReviews),
                new TeamRules(teamMinSize, teamMaxSize, presentationMinutes), overview, resources, version);
    }

    void apply(CourseSettings settings) {
        title = settings.title();
        term = settings.term();
        timeZone = settings.timeZone();
        instructorName = settings.instructorName();
        instructorEmail = settings.instructorEmail();
        instructorPhone = settings.instructorPhone();
        officeHours = settings.officeHours();
        recordedLecture = settings.recordedLecture();
        liveClass = settings.liveClass();
        liveClassUrl = settings.liveClassUrl();
        GradingPolicy grading = settings.grading();
        attendanceWeight = grading.attendance();
        midtermWeight = grading.midterm();
        finalWeight = grading.finalExam();
        homeworkWeight = grading.homework();
        programmingHomeworks = grading.programmingHomeworks();
        paperReviews = grading.paperReviews();
        TeamRules team = settings.team();
        teamMinSize = team.minSize();
        teamMaxSize = team.maxSize();
        presentationMinutes = team.presentationMinutes();
        overview = settings.overview();
        resources = settings.resources();
    }
}
