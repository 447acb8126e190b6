package io.lecturelab.coursework;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The minute a deadline names, late days and penalties at the boundary, and deadlines in words across DST. */
class DeadlineTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Due 2026-12-05 23:59 in Seoul, no cut-off. */
    private static final Deadline DUE = new Deadline(seoul("2026-12-05T23:59"), Optional.empty(), false);

    @Test
    void the_whole_due_minute_is_on_time_and_the_next_millisecond_is_late() {
        assertThat(DUE.due()).isEqualTo(Instant.parse("2026-12-05T14:59:00Z"));
        assertThat(DUE.lateFrom()).isEqualTo(seoul("2026-12-06T00:00"));

        Instant lastOnTime = seoul("2026-12-05T23:59:59.999");
        Instant firstLate = seoul("2026-12-06T00:00");
        assertThat(DUE.isLate(seoul("2026-12-05T23:59"))).isFalse();
        assertThat(DUE.isLate(lastOnTime)).isFalse();
        assertThat(DUE.daysLate(lastOnTime)).isZero();
        assertThat(DUE.penaltyPercent(lastOnTime, 50)).isZero();
        assertThat(DUE.isLate(firstLate)).isTrue();
        assertThat(DUE.daysLate(firstLate)).isEqualTo(1);
    }

    @Test
    void a_due_time_with_seconds_names_its_minute() {
        Deadline withSeconds = new Deadline(seoul("2026-12-05T23:59:42.5"), Optional.of(seoul("2026-12-06T23:59:10")),
                false);
        assertThat(withSeconds.due()).isEqualTo(DUE.due());
        assertThat(withSeconds.cutoff()).contains(seoul("2026-12-06T23:59"));
        assertThat(withSeconds.isLate(seoul("2026-12-05T23:59:59.999"))).isFalse();
    }

    @Test
    void a_started_day_counts_as_a_day_late_and_the_penalty_stops_at_everything() {
        assertThat(DUE.daysLate(seoul("2026-12-06T00:00:00.001"))).isEqualTo(1);
        assertThat(DUE.daysLate(seoul("2026-12-06T23:59:59.999"))).isEqualTo(1);
        assertThat(DUE.daysLate(seoul("2026-12-07T00:00"))).isEqualTo(2);
        assertThat(DUE.daysLate(seoul("2026-12-07T12:00"))).isEqualTo(2);
        assertThat(DUE.daysLate(seoul("2026-12-08T00:00"))).isEqualTo(3);

        assertThat(DUE.penaltyPercent(seoul("2026-12-06T08:00"), 10)).isEqualTo(10);
        assertThat(DUE.penaltyPercent(seoul("2026-12-07T08:00"), 10)).isEqualTo(20);
        assertThat(DUE.penaltyPercent(seoul("2026-12-07T08:00"), 60)).isEqualTo(100);
        assertThat(DUE.penaltyPercent(seoul("2027-12-07T08:00"), 100)).isEqualTo(100);
        assertThat(DUE.penaltyPercent(seoul("2027-12-07T08:00"), 0)).isZero();
    }

    @Test
    void the_cut_off_minute_is_still_open() {
        Deadline withCutoff = new Deadline(DUE.due(), Optional.of(seoul("2026-12-07T23:59")), false);
        assertThat(withCutoff.isClosed(seoul("2026-12-06T10:00"))).isFalse();
        assertThat(withCutoff.isClosed(seoul("2026-12-07T23:59:59.999"))).isFalse();
        assertThat(withCutoff.isClosed(seoul("2026-12-08T00:00"))).isTrue();
        assertThat(DUE.isClosed(seoul("2030-01-01T00:00"))).as("no cut-off: never closed").isFalse();
    }

    @Test
    void time_left_runs_to_the_end_of_the_due_minute() {
        assertThat(DUE.timeLeft(seoul("2026-12-05T23:00"))).isEqualTo(Duration.ofHours(1));
        assertThat(DUE.timeLeft(seoul("2026-12-05T23:59:59.999"))).isEqualTo(Duration.ofMillis(1));
        assertThat(DUE.timeLeft(seoul("2026-12-06T00:00"))).isZero();
        assertThat(DUE.timeLeft(seoul("2026-12-09T00:00"))).isZero();
    }

    // --- in words --------------------------------------------------------------------------------------------------

    @Test
    void the_due_minute_reads_as_23_59_in_course_time_in_english_and_korean() {
        // 2026-12-05 is a Saturday
        assertThat(DeadlineText.courseTime(DUE, SEOUL, Locale.ENGLISH)).isEqualTo("Sat 5 Dec 2026, 23:59 (Asia/Seoul)");
        assertThat(DeadlineText.courseTime(DUE, SEOUL, Locale.forLanguageTag("en-US")))
                .isEqualTo("Sat 5 Dec 2026, 23:59 (Asia/Seoul)");
        assertThat(DeadlineText.courseTime(DUE, SEOUL, Locale.KOREAN)).isEqualTo("2026. 12. 5. (토) 23:59 (Asia/Seoul)");
        assertThat(DeadlineText.courseTime(DUE, SEOUL, Locale.forLanguageTag("ko-KR")))
                .isEqualTo("2026. 12. 5. (토) 23:59 (Asia/Seoul)");
        assertThat(DeadlineText.viewerTime(DUE, NEW_YORK, Locale.ENGLISH))
                .isEqualTo("Sat 5 Dec 2026, 09:59 (America/New_York)");
        assertThat(DeadlineText.viewerTimeDiffers(DUE, SEOUL, NEW_YORK)).isTrue();
        assertThat(DeadlineText.viewerTimeDiffers(DUE, SEOUL, ZoneId.of("Asia/Tokyo"))).isFalse();
    }

    @Test
    void a_viewer_in_new_york_sees_the_right_wall_times_on_both_sides_of_the_fall_back() {
        // New York leaves daylight saving time on 2026-11-01 at 02:00 EDT (06:00 UTC)
        Deadline beforeChange = new Deadline(seoul("2026-10-31T23:59"), Optional.empty(), false);
        Deadline afterChange = new Deadline(seoul("2026-11-01T23:59"), Optional.empty(), false);
        assertThat(DeadlineText.viewerTime(beforeChange, NEW_YORK, Locale.ENGLISH))
                .isEqualTo("Sat 31 Oct 2026, 10:59 (America/New_York)"); // EDT, UTC-4
        assertThat(DeadlineText.viewerTime(afterChange, NEW_YORK, Locale.ENGLISH))
                .isEqualTo("Sun 1 Nov 2026, 09:59 (America/New_York)"); // EST, UTC-5
        assertThat(DeadlineText.viewerTime(afterChange, NEW_YORK, Locale.KOREAN))
                .isEqualTo("2026. 11. 1. (일) 09:59 (America/New_York)");
        assertThat(DeadlineText.courseTime(afterChange, SEOUL, Locale.ENGLISH))
                .isEqualTo("Sun 1 Nov 2026, 23:59 (Asia/Seoul)");

        // Saturday 08:00 EDT in New York; on Sunday 10:00 EST the work is late: 26 hours on the wall clock, 27 real
        Instant now = LocalDateTime.parse("2026-10-31T08:00").atZone(NEW_YORK).toInstant();
        assertThat(afterChange.timeLeft(now)).isEqualTo(Duration.ofHours(27));
        assertThat(DeadlineText.timeLeft(afterChange.timeLeft(now), Locale.ENGLISH)).isEqualTo("1 day, 3 hours");
        assertThat(DeadlineText.timeLeft(afterChange.timeLeft(now), Locale.KOREAN)).isEqualTo("1일 3시간");

        // the repeated hour: two instants an hour apart show the same wall time, and time left still tells them apart
        Deadline firstOneThirty = new Deadline(Instant.parse("2026-11-01T05:30:00Z"), Optional.empty(), false);
        Deadline secondOneThirty = new Deadline(Instant.parse("2026-11-01T06:30:00Z"), Optional.empty(), false);
        assertThat(DeadlineText.viewerTime(firstOneThirty, NEW_YORK, Locale.ENGLISH))
                .isEqualTo(DeadlineText.viewerTime(secondOneThirty, NEW_YORK, Locale.ENGLISH))
                .isEqualTo("Sun 1 Nov 2026, 01:30 (America/New_York)");
        Instant midnight = LocalDateTime.parse("2026-11-01T00:00").atZone(NEW_YORK).toInstant();
        assertThat(firstOneThirty.timeLeft(midnight)).isEqualTo(Duration.ofMinutes(91));
        assertThat(secondOneThirty.timeLeft(midnight)).isEqualTo(Duration.ofMinutes(151));
    }

    @Test
    void a_viewer_in_berlin_sees_the_right_wall_times_on_both_sides_of_the_fall_back() {
        // Berlin leaves summer time on 2026-10-25 at 03:00 CEST (01:00 UTC)
        Deadline beforeChange = new Deadline(seoul("2026-10-24T23:59"), Optional.empty(), false);
        Deadline afterChange = new Deadline(seoul("2026-10-25T23:59"), Optional.empty(), false);
        assertThat(DeadlineText.viewerTime(beforeChange, BERLIN, Locale.ENGLISH))
                .isEqualTo("Sat 24 Oct 2026, 16:59 (Europe/Berlin)"); // CEST, UTC+2
        assertThat(DeadlineText.viewerTime(afterChange, BERLIN, Locale.ENGLISH))
                .isEqualTo("Sun 25 Oct 2026, 15:59 (Europe/Berlin)"); // CET, UTC+1
        assertThat(DeadlineText.viewerTime(afterChange, BERLIN, Locale.GERMAN))
                .as("languages other than Korean read in English, as the rest of the application")
                .isEqualTo("Sun 25 Oct 2026, 15:59 (Europe/Berlin)");

        // one day before on the Berlin wall clock (Saturday 16:00 CEST) is 25 real hours before 16:00 CET
        Instant now = LocalDateTime.parse("2026-10-24T16:00").atZone(BERLIN).toInstant();
        assertThat(afterChange.timeLeft(now)).isEqualTo(Duration.ofHours(25));
        assertThat(DeadlineText.timeLeft(afterChange.timeLeft(now), Locale.ENGLISH)).isEqualTo("1 day, 1 hour");
    }

    @Test
    void time_left_in_words_rounds_down_and_says_when_the_deadline_has_passed() {
        assertThat(DeadlineText.timeLeft(Duration.ofDays(2).plusHours(3).plusMinutes(59), Locale.ENGLISH))
                .isEqualTo("2 days, 3 hours");
        assertThat(DeadlineText.timeLeft(Duration.ofDays(2), Locale.ENGLISH)).isEqualTo("2 days, 0 hours");
        assertThat(DeadlineText.timeLeft(Duration.ofHours(5), Locale.ENGLISH)).isEqualTo("5 hours, 0 minutes");
        assertThat(DeadlineText.timeLeft(Duration.ofHours(1).plusMinutes(1), Locale.ENGLISH))
                .isEqualTo("1 hour, 1 minute");
        assertThat(DeadlineText.timeLeft(Duration.ofMinutes(59).plusSeconds(59), Locale.ENGLISH))
                .isEqualTo("59 minutes");
        assertThat(DeadlineText.timeLeft(Duration.ofMinutes(1), Locale.ENGLISH)).isEqualTo("1 minute");
        assertThat(DeadlineText.timeLeft(Duration.ofMillis(1), Locale.ENGLISH)).isEqualTo("less than a minute");
        assertThat(DeadlineText.timeLeft(Duration.ZERO, Locale.ENGLISH)).isEqualTo("The deadline has passed");
        assertThat(DeadlineText.timeLeft(Duration.ofHours(-1), Locale.ENGLISH)).isEqualTo("The deadline has passed");

        assertThat(DeadlineText.timeLeft(Duration.ofDays(12).plusHours(5), Locale.KOREAN)).isEqualTo("12일 5시간");
        assertThat(DeadlineText.timeLeft(Duration.ofHours(3).plusMinutes(7), Locale.KOREAN)).isEqualTo("3시간 7분");
        assertThat(DeadlineText.timeLeft(Duration.ofMinutes(42), Locale.KOREAN)).isEqualTo("42분");
        assertThat(DeadlineText.timeLeft(Duration.ofSeconds(30), Locale.KOREAN)).isEqualTo("1분 미만");
        assertThat(DeadlineText.timeLeft(Duration.ZERO, Locale.KOREAN)).isEqualTo("마감이 지났습니다");
    }

    private static Instant seoul(String local) {
        return LocalDateTime.parse(local).atZone(SEOUL).toInstant();
    }
}
