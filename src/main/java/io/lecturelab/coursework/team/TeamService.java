package io.lecturelab.coursework.team;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.Member;
import io.lecturelab.course.TeamRules;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Forming project teams, with every decision and permission taken here.
 * <p>
 * Students create, join (by code) and leave teams only while the course's formation window is open and staff have
 * not locked the teams; a student is in at most one team per course and a team never grows past the course's
 * maximum size. Both hold with many servers at once: a join locks the team's row before counting its members, and
 * the key of {@code team_member} refuses a second team for the same student (turned into
 * {@code team.error.alreadyInTeam}).
 * <p>
 * Staff (teaching assistants and instructors) set the window, lock and unlock, move students and place those left
 * over, at any time. A move respects the maximum size; only an instructor may override it on purpose (a team of
 * four when one member rarely shows up is the instructor's call, not a teaching assistant's).
 */
@ApplicationScoped
@Transactional
public class TeamService {

    /** Join codes: no 0/O, 1/I/L, so a code read aloud or copied from a slide is typed right. */
    static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int CODE_LENGTH = 8;
    static final int MAX_NAME = 80;
    static final int MAX_TOPIC = 300;
    static final int MAX_NOTE = 300;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final TeamRepository teams;
    private final CourseService courses;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TeamService(TeamRepository teams, CourseService courses, Clock clock) {
        this.teams = teams;
        this.courses = courses;
        this.clock = clock;
    }

    // --- reading -------------------------------------------------------------------------------------------------

    /** The teams page for any member of the course. */
    public TeamsOverview overview(long courseId, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        boolean student = isStudent(access);
        TeamRules rules = rules(courseId, viewer);
        Optional<Long> mine = student ? teams.teamOf(courseId, viewer.id()) : Optional.empty();
        Map<Long, List<TeamMemberInfo>> members = membersByTeam(courseId);
        List<TeamInfo> list = teams.ofCourse(courseId).stream()
                .map(t -> info(t, members, rules, mine, access.staff()))
                .toList();
        List<Seeker> board = teams.seekers(courseId).stream()
                .map(s -> new Seeker(s.userId(), s.displayName(), s.note(), s.since())).toList();
        return new TeamsOverview(formation(courseId, rules), student, access.staff(), access.instructor(),
                list.stream().filter(TeamInfo::mine).findFirst(), list, board,
                board.stream().anyMatch(s -> s.userId() == viewer.id()));
    }

    public Formation formation(long courseId, SignedInUser viewer) {
        return formation(courseId, rules(courseId, viewer));
    }

    /** The team the viewer is in, for any member (empty for staff and students without a team). */
    public Optional<TeamInfo> myTeam(long courseId, SignedInUser viewer) {
        return overview(courseId, viewer).myTeam();
    }

    /** The course's students and their teams, for staff (moving, placing). */
    public List<StudentPlace> students(long courseId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        Map<Long, Team> byId = teams.ofCourse(courseId).stream().collect(Collectors.toMap(t -> t.id, t -> t));
        Map<Long, Long> teamOf = new HashMap<>();
        teams.members(courseId).forEach(m -> teamOf.put(m.userId(), m.teamId()));
        return courses.members(courseId, staff).stream()
                .filter(m -> m.role() == CourseRole.STUDENT)
                .sorted(Comparator.comparing(Member::displayName).thenComparing(Member::userId))
                .map(m -> {
                    Optional<Long> team = Optional.ofNullable(teamOf.get(m.userId()));
                    return new StudentPlace(m.userId(), m.displayName(), m.username(), team,
                            team.map(byId::get).map(t -> t.name).orElse(""));
                })
                .toList();
    }

    // --- the formation window (staff) ----------------------------------------------------------------------------

    /**
     * Sets the window in course time; {@code closes} may be empty (open until staff lock the teams).
     */
    public Formation setWindow(long courseId, LocalDateTime opens, LocalDateTime closes, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        if (opens == null) {
            throw new UserFacingException("team.error.opensRequired");
        }
        ZoneId zone = zone(courseId);
        Instant from = opens.atZone(zone).toInstant();
        Instant to = closes == null ? null : closes.atZone(zone).toInstant();
        if (to != null && !to.isAfter(from)) {
            throw new UserFacingException("team.error.windowOrder");
        }
        teams.formationForUpdate(courseId).setWindow(from, to);
        teams.flush();
        return formation(courseId, staff);
    }

    /** Locks (or unlocks) the teams: while locked only staff change them. */
    public Formation setLocked(long courseId, boolean locked, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        teams.formationForUpdate(courseId).setLocked(locked);
        teams.flush();
        return formation(courseId, staff);
    }

    // --- students ------------------------------------------------------------------------------------------------

    /** Creates a team with its creator as first member and a fresh join code to share. */
    public TeamInfo create(long courseId, String name, String topic, SignedInUser student) {
        requireStudent(courseId, student);
        String cleanName = name == null ? "" : name.strip().replaceAll("\\s+", " ");
        String cleanTopic = topic == null ? "" : topic.strip();
        if (cleanName.isEmpty() || cleanName.length() > MAX_NAME) {
            throw new UserFacingException("team.error.name", MAX_NAME);
        }
        if (cleanTopic.length() > MAX_TOPIC) {
            throw new UserFacingException("team.error.topic", MAX_TOPIC);
        }
        requireOpen(courseId);
        if (teams.teamOf(courseId, student.id()).isPresent()) {
            throw new UserFacingException("team.error.alreadyInTeam");
        }
        if (teams.nameTaken(courseId, cleanName)) {
            throw new UserFacingException("team.error.nameTaken", cleanName);
        }
        Team team = newTeam(courseId, cleanName, cleanTopic, student.id());
        if (!teams.addMember(courseId, student.id(), team.id, clock.instant())) {
            // joined elsewhere meanwhile: the new team is rolled back with this refusal
            throw new UserFacingException("team.error.alreadyInTeam");
        }
        teams.stopSeeking(courseId, student.id());
        return ownTeamInfo(team, rules(courseId, student));
    }

    /**
     * Joins the team with this code. The team's row is locked before its members are counted, so of many
     * simultaneous joins only as many as there are places succeed; the others are told the team is full.
     */
    public TeamInfo join(long courseId, String code, SignedInUser student) {
        requireStudent(courseId, student);
        String clean = normaliseCode(code);
        if (clean.isEmpty()) {
            throw new UserFacingException("team.error.codeRequired");
        }
        requireOpen(courseId);
        if (teams.teamOf(courseId, student.id()).isPresent()) {
            throw new UserFacingException("team.error.alreadyInTeam");
        }
        // everything read before the team's lock, so the lock is held only for counting and adding
        TeamRules rules = rules(courseId, student);
        Team team = teams.lockByCode(courseId, clean)
                .orElseThrow(() -> new UserFacingException("team.error.codeUnknown", clean));
        if (teams.memberCount(team.id) >= rules.maxSize()) {
            throw new UserFacingException("team.error.full", team.name, rules.maxSize());
        }
        if (!teams.addMember(courseId, student.id(), team.id, clock.instant())) {
            throw new UserFacingException("team.error.alreadyInTeam");
        }
        teams.stopSeeking(courseId, student.id());
        return ownTeamInfo(team, rules);
    }

    /** Leaves the own team; the last member leaving dissolves it (its proposal goes with it, its slot is freed). */
    public void leave(long courseId, SignedInUser student) {
        requireStudent(courseId, student);
        requireOpen(courseId);
        long teamId = teams.teamOf(courseId, student.id())
                .orElseThrow(() -> new UserFacingException("team.error.noTeam"));
        teams.lockTeam(courseId, teamId);
        teams.removeMember(courseId, student.id());
        teams.dissolveIfEmpty(teamId);
    }

    /** Puts the student on the "looking for a team" board with a short note (or changes the note). */
    public void seek(long courseId, String note, SignedInUser student) {
        requireStudent(courseId, student);
        String clean = note == null ? "" : note.strip();
        if (clean.length() > MAX_NOTE) {
            throw new UserFacingException("team.error.note", MAX_NOTE);
        }
        if (teams.teamOf(courseId, student.id()).isPresent()) {
            throw new UserFacingException("team.error.alreadyInTeam");
        }
        teams.seek(courseId, student.id(), clean, clock.instant());
    }

    public void stopSeeking(long courseId, SignedInUser student) {
        requireStudent(courseId, student);
        teams.stopSeeking(courseId, student.id());
    }

    // --- staff ---------------------------------------------------------------------------------------------------

    /**
     * Moves a student into another team (also one without a team into a team), at any time. Refused when the team
     * is full unless an instructor overrides the cap. A team left empty is dissolved.
     */
    public void move(long courseId, long userId, long toTeamId, boolean overrideCap, SignedInUser staff) {
        CourseAccess access = courses.requireStaff(courseId, staff);
        if (overrideCap && !access.instructor()) {
            throw new UserFacingException("team.error.overrideInstructorOnly");
        }
        if (courses.roleOf(userId, courseId).filter(r -> r == CourseRole.STUDENT).isEmpty()) {
            throw new UserFacingException("team.error.notAStudent");
        }
        Optional<Long> from = teams.teamOf(courseId, userId);
        if (from.isPresent() && from.get() == toTeamId) {
            throw new UserFacingException("team.error.alreadyThere");
        }
        // lock both teams in id order, as everyone does
        List<Long> order = new ArrayList<>(List.of(toTeamId));
        from.ifPresent(order::add);
        order.sort(Comparator.naturalOrder());
        Team target = null;
        for (long id : order) {
            Optional<Team> locked = teams.lockTeam(courseId, id);
            if (id == toTeamId) {
                target = locked.orElseThrow(() -> new UserFacingException("team.error.notFound"));
            }
        }
        int max = rules(courseId, staff).maxSize();
        if (teams.memberCount(target.id) >= max && !overrideCap) {
            throw new UserFacingException("team.error.full", target.name, max);
        }
        from.ifPresent(f -> teams.removeMember(courseId, userId));
        if (!teams.addMember(courseId, userId, target.id, clock.instant())) {
            throw new UserFacingException("team.error.alreadyInTeam");
        }
        teams.stopSeeking(courseId, userId);
        from.ifPresent(teams::dissolveIfEmpty);
    }

    /**
     * Places every student without a team, in this order (students by account id, teams by size then id):
     * <ol>
     * <li>teams below the minimum size are filled up to it, smallest first;</li>
     * <li>if at least the minimum number of students remain, they form {@code k = ceil(r / max)} new teams (or
     * {@code floor(r / min)} when {@code k} teams could not all reach the minimum), dealt round-robin so sizes
     * differ by at most one;</li>
     * <li>anyone still left joins the smallest team with room;</li>
     * <li>whoever finds no room stays unplaced and is reported.</li>
     * </ol>
     * New teams are called "Team N". Staff may run it at any time; it locks all teams of the course while it works.
     */
    public Placement placeLeftovers(long courseId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        TeamRules rules = rules(courseId, staff);
        List<Team> all = new ArrayList<>(teams.lockAll(courseId));
        Map<Long, Integer> sizes = new HashMap<>();
        all.forEach(t -> sizes.put(t.id, 0));
        Set<Long> placedAlready = new HashSet<>();
        teams.members(courseId).forEach(m -> {
            sizes.merge(m.teamId(), 1, Integer::sum);
            placedAlready.add(m.userId());
        });
        Deque<Member> left = new ArrayDeque<>(courses.members(courseId, staff).stream()
                .filter(m -> m.role() == CourseRole.STUDENT && !placedAlready.contains(m.userId()))
                .sorted(Comparator.comparingLong(Member::userId)).toList());
        List<Placement.Placed> placed = new ArrayList<>();
        Set<Long> created = new HashSet<>();
        Comparator<Team> smallestFirst = Comparator.<Team>comparingInt(t -> sizes.get(t.id))
                .thenComparingLong(t -> t.id);

        // 1. fill teams below the minimum
        for (Team team : all.stream().filter(t -> sizes.get(t.id) < rules.minSize()).sorted(smallestFirst).toList()) {
            while (sizes.get(team.id) < rules.minSize() && !left.isEmpty()) {
                place(courseId, left.poll(), team, sizes, placed, false);
            }
        }
        // 2. new teams of allowed size
        int r = left.size();
        if (r >= rules.minSize()) {
            int k = Math.ceilDiv(r, rules.maxSize());
            if (k * rules.minSize() > r) {
                k = r / rules.minSize();
            }
            List<Team> fresh = new ArrayList<>();
            int number = all.size();
            for (int i = 0; i < k; i++) {
                String name;
                do {
                    name = "Team " + ++number;
                } while (teams.nameTaken(courseId, name));
                Team team = newTeam(courseId, name, "", null);
                sizes.put(team.id, 0);
                created.add(team.id);
                fresh.add(team);
                all.add(team);
            }
            int capacity = Math.min(r, k * rules.maxSize());
            for (int i = 0; i < capacity; i++) {
                place(courseId, left.poll(), fresh.get(i % k), sizes, placed, true);
            }
        }
        // 3. the rest into the smallest teams with room
        while (!left.isEmpty()) {
            Optional<Team> room = all.stream().filter(t -> sizes.get(t.id) < rules.maxSize()).min(smallestFirst);
            if (room.isEmpty()) {
                break;
            }
            place(courseId, left.poll(), room.get(), sizes, placed, created.contains(room.get().id));
        }
        List<TeamMemberInfo> unplaced = left.stream().map(m -> new TeamMemberInfo(m.userId(), m.displayName()))
                .toList();
        return new Placement(List.copyOf(placed), unplaced);
    }

    private void place(long courseId, Member student, Team team, Map<Long, Integer> sizes,
                       List<Placement.Placed> placed, boolean newTeam) {
        // a student who joined a team meanwhile keeps it (the key refuses the second team)
        if (teams.addMember(courseId, student.userId(), team.id, clock.instant())) {
            sizes.merge(team.id, 1, Integer::sum);
            teams.stopSeeking(courseId, student.userId());
            placed.add(new Placement.Placed(student.userId(), student.displayName(), team.id, team.name, newTeam));
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private Team newTeam(long courseId, String name, String topic, Long createdBy) {
        String code;
        do {
            code = newCode();
        } while (teams.codeTaken(code));
        Team team = Team.create(courseId, name, topic, code, createdBy, clock.instant());
        try {
            teams.persist(team);
            teams.flush();
        } catch (PersistenceException e) {
            // the name was taken by a team created at the same moment (unique per course)
            throw new UserFacingException("team.error.nameTaken", name);
        }
        return team;
    }

    String newCode() {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    /** Upper case without spaces or dashes, so "abcd-efgh " finds ABCDEFGH. */
    static String normaliseCode(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    private void requireStudent(long courseId, SignedInUser user) {
        if (!isStudent(courses.access(courseId, user))) {
            throw new UserFacingException("team.error.studentsOnly");
        }
    }

    private static boolean isStudent(CourseAccess access) {
        return access.role().filter(r -> r == CourseRole.STUDENT).isPresent();
    }

    /**
     * Refused unless the window is open and the teams are not locked. The formation row is read under a shared
     * lock, so staff locking the teams wait for joins under way and the joins after it see the lock.
     */
    private void requireOpen(long courseId) {
        TeamFormation formation = teams.formationForShare(courseId)
                .orElseThrow(() -> new UserFacingException("team.error.noWindow"));
        ZoneId zone = zone(courseId);
        switch (state(formation, clock.instant())) {
            case NOT_SET -> throw new UserFacingException("team.error.noWindow");
            case LOCKED -> throw new UserFacingException("team.error.locked");
            case NOT_YET_OPEN -> throw new UserFacingException("team.error.notOpenYet",
                    format(formation.opensAt, zone));
            case CLOSED -> throw new UserFacingException("team.error.closed", format(formation.closesAt, zone));
            case OPEN -> {
            }
        }
    }

    private static FormationState state(TeamFormation formation, Instant now) {
        if (formation.locked) {
            return FormationState.LOCKED;
        }
        if (formation.opensAt == null) {
            return FormationState.NOT_SET;
        }
        if (now.isBefore(formation.opensAt)) {
            return FormationState.NOT_YET_OPEN;
        }
        if (formation.closesAt != null && !now.isBefore(formation.closesAt)) {
            return FormationState.CLOSED;
        }
        return FormationState.OPEN;
    }

    private Formation formation(long courseId, TeamRules rules) {
        ZoneId zone = zone(courseId);
        Optional<TeamFormation> row = teams.formation(courseId);
        return new Formation(zone,
                row.map(f -> f.opensAt).map(at -> at.atZone(zone)),
                row.map(f -> f.closesAt).map(at -> at.atZone(zone)),
                row.map(f -> f.locked).orElse(false),
                row.map(f -> state(f, clock.instant())).orElse(FormationState.NOT_SET),
                rules.minSize(), rules.maxSize());
    }

    private static String format(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        return TIME.format(local) + " (" + zone.getId() + ")";
    }

    private TeamRules rules(long courseId, SignedInUser viewer) {
        return courses.settings(courseId, viewer).team().orElse(TeamRules.UNSET);
    }

    private ZoneId zone(long courseId) {
        return ZoneId.of(courses.timeZone(courseId));
    }

    private Map<Long, List<TeamMemberInfo>> membersByTeam(long courseId) {
        Map<Long, List<TeamMemberInfo>> byTeam = new LinkedHashMap<>();
        teams.members(courseId).forEach(m -> byTeam.computeIfAbsent(m.teamId(), k -> new ArrayList<>())
                .add(new TeamMemberInfo(m.userId(), m.displayName())));
        return byTeam;
    }

    private TeamInfo ownTeamInfo(Team team, TeamRules rules) {
        List<TeamMemberInfo> members = teams.membersOf(team.id).stream()
                .map(m -> new TeamMemberInfo(m.userId(), m.displayName())).toList();
        return new TeamInfo(team.id, team.name, team.topic, members, rules.maxSize(), true,
                Optional.of(team.joinCode));
    }

    private static TeamInfo info(Team team, Map<Long, List<TeamMemberInfo>> members, TeamRules rules,
                                 Optional<Long> mine, boolean staff) {
        boolean own = mine.isPresent() && mine.get().equals(team.id);
        return new TeamInfo(team.id, team.name, team.topic, List.copyOf(members.getOrDefault(team.id, List.of())),
                rules.maxSize(), own, own || staff ? Optional.of(team.joinCode) : Optional.empty());
    }
}
