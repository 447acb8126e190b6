package io.lecturelab.coursework.team;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.TeamRules;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Presentation slots. Staff open slots of the course's presentation length back to back; any member of a team books
 * one free slot for it, and may change or release it until it starts. A slot is taken by one conditional update
 * ({@code … where team_id is null}), so of teams racing for it exactly one gets it; one slot per team is the
 * table's unique key, and the team's row is locked while it books, so two teammates booking at once cannot both
 * hold a slot. The schedule is visible to every member of the course.
 */
@ApplicationScoped
@Transactional
public class PresentationService {

    /** Most slots opened at once. */
    public static final int MAX_SLOTS_AT_ONCE = 60;

    private final TeamRepository teams;
    private final CourseService courses;
    private final Clock clock;

    PresentationService(TeamRepository teams, CourseService courses, Clock clock) {
        this.teams = teams;
        this.courses = courses;
        this.clock = clock;
    }

    public PresentationSchedule schedule(long courseId, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        ZoneId zone = zone(courseId);
        Optional<Long> mine = isStudent(access) ? teams.teamOf(courseId, viewer.id()) : Optional.empty();
        Map<Long, String> names = teams.ofCourse(courseId).stream().collect(Collectors.toMap(t -> t.id, t -> t.name));
        Instant now = clock.instant();
        List<Slot> slots = new ArrayList<>();
        for (PresentationSlot slot : teams.slots(courseId)) {
            slots.add(new Slot(slot.id, slots.size() + 1, slot.startsAt.atZone(zone), slot.minutes,
                    Optional.ofNullable(slot.teamId), slot.teamId == null ? "" : names.getOrDefault(slot.teamId, ""),
                    mine.isPresent() && mine.get().equals(slot.teamId), !now.isBefore(slot.startsAt)));
        }
        return new PresentationSchedule(zone, minutes(courseId, viewer), List.copyOf(slots), mine, access.staff());
    }

    /**
     * Opens {@code count} slots of the course's presentation length, back to back from {@code first} (course
     * time). A slot that already starts at one of those times is kept as it is.
     *
     * @return how many slots were added
     */
    public int openSlots(long courseId, LocalDateTime first, int count, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        if (first == null) {
            throw new UserFacingException("slot.error.startRequired");
        }
        if (count < 1 || count > MAX_SLOTS_AT_ONCE) {
            throw new UserFacingException("slot.error.count", MAX_SLOTS_AT_ONCE);
        }
        Instant start = first.atZone(zone(courseId)).toInstant();
        if (!start.isAfter(clock.instant())) {
            throw new UserFacingException("slot.error.past");
        }
        int minutes = minutes(courseId, staff);
        int added = 0;
        for (int i = 0; i < count; i++) {
            if (teams.openSlot(courseId, start.plusSeconds(60L * minutes * i), minutes)) {
                added++;
            }
        }
        return added;
    }

    /** Removes a slot (staff); a team that had booked it has none then. */
    public void deleteSlot(long courseId, long slotId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        if (!teams.deleteSlot(courseId, slotId)) {
            throw new UserFacingException("slot.error.notFound");
        }
    }

    /** Books a free slot for the member's team, giving up the team's earlier slot if it has one. */
    public void book(long courseId, long slotId, SignedInUser member) {
        long teamId = ownTeam(courseId, member);
        teams.lockTeam(courseId, teamId);
        Instant now = clock.instant();
        Optional<PresentationSlot> current = teams.slotOf(teamId);
        if (current.isPresent()) {
            if (current.get().id == slotId) {
                return;
            }
            if (!now.isBefore(current.get().startsAt)) {
                throw new UserFacingException("slot.error.started");
            }
            teams.release(teamId, now);
        }
        if (!teams.book(courseId, slotId, teamId, now)) {
            // nothing changed: the refusal rolls back the release above too
            PresentationSlot slot = teams.slot(courseId, slotId)
                    .orElseThrow(() -> new UserFacingException("slot.error.notFound"));
            throw new UserFacingException(now.isBefore(slot.startsAt) ? "slot.error.taken" : "slot.error.started");
        }
    }

    /** Frees the team's slot before it starts. */
    public void release(long courseId, SignedInUser member) {
        long teamId = ownTeam(courseId, member);
        teams.lockTeam(courseId, teamId);
        teams.slotOf(teamId).orElseThrow(() -> new UserFacingException("slot.error.none"));
        if (!teams.release(teamId, clock.instant())) {
            throw new UserFacingException("slot.error.started");
        }
    }

    private long ownTeam(long courseId, SignedInUser member) {
        CourseAccess access = courses.access(courseId, member);
        if (!isStudent(access)) {
            throw new UserFacingException("team.error.studentsOnly");
        }
        return teams.teamOf(courseId, member.id()).orElseThrow(() -> new UserFacingException("slot.error.noTeam"));
    }

    private int minutes(long courseId, SignedInUser viewer) {
        return courses.settings(courseId, viewer).team().orElse(TeamRules.UNSET).presentationMinutes();
    }

    private ZoneId zone(long courseId) {
        return ZoneId.of(courses.timeZone(courseId));
    }

    private static boolean isStudent(CourseAccess access) {
        return access.role().filter(r -> r == CourseRole.STUDENT).isPresent();
    }
}
