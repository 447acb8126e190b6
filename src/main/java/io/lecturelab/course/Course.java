package io.lecturelab.course;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Optional;

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

    @Column(name = "attendance_weight")
    Integer attendanceWeight;

    @Column(name = "midterm_weight")
    Integer midtermWeight;

    @Column(name = "final_weight")
    Integer finalWeight;

    @Column(name = "homework_weight")
    Integer homeworkWeight;

    @Column(name = "programming_homeworks")
    Integer programmingHomeworks;

    @Column(name = "paper_reviews")
    Integer paperReviews;

    @Column(name = "team_min_size")
    Integer teamMinSize;

    @Column(name = "team_max_size")
    Integer teamMaxSize;

    @Column(name = "presentation_minutes")
    Integer presentationMinutes;

    @Column(nullable = false)
    String overview = "";

    @Column(nullable = false)
    String resources = "";

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Version
    int version;

    /** Grading policy and team rules are empty (all their columns null) until an instructor enters them. */
    CourseSettings settings() {
        Optional<GradingPolicy> grading = attendanceWeight == null ? Optional.empty()
                : Optional.of(new GradingPolicy(attendanceWeight, midtermWeight, finalWeight, homeworkWeight,
                        programmingHomeworks, paperReviews));
        Optional<TeamRules> team = teamMinSize == null ? Optional.empty()
                : Optional.of(new TeamRules(teamMinSize, teamMaxSize, presentationMinutes));
        return new CourseSettings(title, term, timeZone, instructorName, instructorEmail, instructorPhone,
                officeHours, recordedLecture, liveClass, liveClassUrl, grading, team, overview, resources, version);
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
        Optional<GradingPolicy> grading = settings.grading();
        attendanceWeight = grading.map(GradingPolicy::attendance).orElse(null);
        midtermWeight = grading.map(GradingPolicy::midterm).orElse(null);
        finalWeight = grading.map(GradingPolicy::finalExam).orElse(null);
        homeworkWeight = grading.map(GradingPolicy::homework).orElse(null);
        programmingHomeworks = grading.map(GradingPolicy::programmingHomeworks).orElse(null);
        paperReviews = grading.map(GradingPolicy::paperReviews).orElse(null);
        Optional<TeamRules> team = settings.team();
        teamMinSize = team.map(TeamRules::minSize).orElse(null);
        teamMaxSize = team.map(TeamRules::maxSize).orElse(null);
        presentationMinutes = team.map(TeamRules::presentationMinutes).orElse(null);
        overview = settings.overview();
        resources = settings.resources();
    }
}
