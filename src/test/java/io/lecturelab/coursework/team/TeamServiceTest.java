package io.lecturelab.coursework.team;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.CourseSettings;
import io.lecturelab.course.TeamRules;
import io.lecturelab.course.NewMember;
import io.lecturelab.coursework.AssignmentDraft;
import io.lecturelab.coursework.AssignmentKind;
import io.lecturelab.coursework.AssignmentService;
import io.lecturelab.coursework.Receipt;
import io.lecturelab.coursework.Rubric;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class TeamServiceTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @Inject
    TeamService teams;

    @Inject
    ProposalService proposals;

    @Inject
    PresentationService presentations;

    @Inject
    CourseService courses;

    @Inject
    AssignmentService assignments;

    @Inject
    UserService users;

    @Inject
    EntityManager entityManager;

    private long course;
    private SignedInUser instructor;
    private SignedInUser ta;

    @BeforeEach
    void course() {
        course = courses.create("t-" + unique(), "Deep learning", "2026 Fall", SignedInUser.system());
        // A new course has no team rules; these tests use the sample course's (teams of 2 to 3, 7 minutes).
        CourseSettings read = courses.settings(course, SignedInUser.system());
        courses.updateSettings(course, new CourseSettings(read.title(), read.term(), read.timeZone(), "", "", "", "",
                "", "", "", Optional.empty(), Optional.of(TeamRules.SAMPLE), "", "", read.version()),
                SignedInUser.system());
        instructor = person(CourseRole.INSTRUCTOR);
        ta = person(CourseRole.TA);
    }

    // --- window --------------------------------------------------------------------------------------------------

    @Test
    void students_form_teams_only_inside_the_window_and_while_teams_are_not_locked() {
        SignedInUser s = students(1).getFirst();
        refused(() -> teams.create(course, "Early", "", s), "team.error.noWindow");

        LocalDateTime now = LocalDateTime.now(SEOUL).truncatedTo(ChronoUnit.MINUTES);
        refused(() -> teams.setWindow(course, now, now.minusHours(1), instructor), "team.error.windowOrder");
        refused(() -> teams.setWindow(course, now, now.plusDays(1), s), "access.staffOnly");

        teams.setWindow(course, now.plusHours(1), now.plusDays(1), ta);
        assertThat(teams.formation(course, s).state()).isEqualTo(FormationState.NOT_YET_OPEN);
        refused(() -> teams.create(course, "Early", "", s), "team.error.notOpenYet");

        Formation closed = teams.setWindow(course, now.minusDays(2), now.minusDays(1), instructor);
        assertThat(closed.state()).isEqualTo(FormationState.CLOSED);
        assertThat(closed.opensAt().orElseThrow().toLocalDateTime()).isEqualTo(now.minusDays(2));
        assertThat(closed.opensAt().orElseThrow().getZone()).isEqualTo(SEOUL);
        refused(() -> teams.create(course, "Late", "", s), "team.error.closed");

        openWindow();
        TeamInfo team = teams.create(course, "On time", "", s);
        teams.setLocked(course, true, ta);
        assertThat(teams.formation(course, s).state()).isEqualTo(FormationState.LOCKED);
        refused(() -> teams.leave(course, s), "team.error.locked");
        refused(() -> teams.setLocked(course, false, s), "access.staffOnly");
        teams.setLocked(course, false, ta);
        teams.leave(course, s);
        assertThat(teams.overview(course, s).teams()).extracting(TeamInfo::id).doesNotContain(team.id());
    }

    // --- create, join, leave -------------------------------------------------------------------------------------

    @Test
    void a_team_is_created_joined_by_code_up_to_its_cap_and_dissolved_by_its_last_member() {
        openWindow();
        List<SignedInUser> s = students(5);
        TeamInfo created = teams.create(course, "  Attention   seekers ", "Transformers for music", s.get(0));
        assertThat(created.name()).isEqualTo("Attention seekers");
        String code = created.joinCode().orElseThrow();
        assertThat(code).hasSize(8).matches("[" + TeamService.CODE_ALPHABET + "]{8}").doesNotContain("0", "O", "1", "I");

        // codes are forgiving about case, spaces and dashes
        teams.join(course, " " + code.substring(0, 4).toLowerCase() + "-" + code.substring(4) + " ", s.get(1));
        TeamInfo full = teams.join(course, code, s.get(2));
        assertThat(full.members()).extracting(TeamMemberInfo::userId)
                .containsExactly(s.get(0).id(), s.get(1).id(), s.get(2).id());
        assertThat(full.full()).isTrue();

        refused(() -> teams.join(course, code, s.get(3)), "team.error.full");
        refused(() -> teams.join(course, "ZZZZ2222", s.get(3)), "team.error.codeUnknown");
        refused(() -> teams.join(course, "  ", s.get(3)), "team.error.codeRequired");
        refused(() -> teams.create(course, "ATTENTION SEEKERS", "", s.get(3)), "team.error.nameTaken");
        refused(() -> teams.create(course, " ", "", s.get(3)), "team.error.name");

        // duplicate join: a member can neither create nor join another team
        TeamInfo other = teams.create(course, "Other", "", s.get(3));
        refused(() -> teams.join(course, other.joinCode().orElseThrow(), s.get(0)), "team.error.alreadyInTeam");
        refused(() -> teams.create(course, "Third", "", s.get(1)), "team.error.alreadyInTeam");

        // staff are not team members
        refused(() -> teams.create(course, "Staff team", "", ta), "team.error.studentsOnly");
        refused(() -> teams.join(course, code, instructor), "team.error.studentsOnly");

        teams.leave(course, s.get(1));
        assertThat(teams.myTeam(course, s.get(0)).orElseThrow().members()).hasSize(2);
        assertThat(teams.myTeam(course, s.get(1))).isEmpty();
        refused(() -> teams.leave(course, s.get(1)), "team.error.noTeam");
        teams.leave(course, s.get(0));
        teams.leave(course, s.get(2));
        assertThat(teams.overview(course, s.get(4)).teams()).extracting(TeamInfo::name).containsExactly("Other");
        assertThat(count("select count(*) from team where id = " + created.id())).isZero();
    }

    @Test
    void join_codes_are_shown_only_to_the_team_and_to_staff() {
        openWindow();
        List<SignedInUser> s = students(2);
        teams.create(course, "Secret code", "", s.get(0));
        assertThat(teams.overview(course, s.get(0)).teams().getFirst().joinCode()).isPresent();
        assertThat(teams.overview(course, s.get(1)).teams().getFirst().joinCode()).isEmpty();
        assertThat(teams.overview(course, ta).teams().getFirst().joinCode()).isPresent();
    }

    @Test
    void the_board_lists_students_looking_for_a_team_until_they_find_one() {
        openWindow();
        List<SignedInUser> s = students(2);
        teams.seek(course, "I like vision", s.get(0));
        teams.seek(course, "NLP, evenings", s.get(1));
        TeamsOverview seen = teams.overview(course, s.get(1));
        assertThat(seen.board()).extracting(Seeker::note).containsExactly("I like vision", "NLP, evenings");
        assertThat(seen.onBoard()).isTrue();
        teams.stopSeeking(course, s.get(1));
        assertThat(teams.overview(course, ta).board()).extracting(Seeker::userId).containsExactly(s.get(0).id());

        teams.create(course, "Vision", "", s.get(0));
        assertThat(teams.overview(course, ta).board()).isEmpty();
        refused(() -> teams.seek(course, "again", s.get(0)), "team.error.alreadyInTeam");
        refused(() -> teams.seek(course, "x".repeat(301), s.get(1)), "team.error.note");
        refused(() -> teams.seek(course, "staff", ta), "team.error.studentsOnly");
    }

    // --- staff ---------------------------------------------------------------------------------------------------

    @Test
    void staff_move_students_within_caps_and_only_an_instructor_overrides_them() {
        openWindow();
        List<SignedInUser> s = students(5);
        TeamInfo a = teams.create(course, "A", "", s.get(0));
        join(a, s.get(1), s.get(2));
        TeamInfo b = teams.create(course, "B", "", s.get(3));
        teams.setLocked(course, true, ta);

        refused(() -> teams.move(course, s.get(3).id(), a.id(), false, ta), "team.error.full");
        refused(() -> teams.move(course, s.get(3).id(), a.id(), true, ta), "team.error.overrideInstructorOnly");
        refused(() -> teams.move(course, s.get(4).id(), a.id(), false, s.get(0)), "access.staffOnly");
        refused(() -> teams.move(course, ta.id(), b.id(), false, instructor), "team.error.notAStudent");
        refused(() -> teams.move(course, s.get(3).id(), b.id(), false, ta), "team.error.alreadyThere");

        // a move works while teams are locked; the student without a team is placed
        teams.move(course, s.get(4).id(), b.id(), false, ta);
        assertThat(teams.myTeam(course, s.get(4)).orElseThrow().id()).isEqualTo(b.id());

        teams.move(course, s.get(2).id(), b.id(), false, ta);
        teams.move(course, s.get(3).id(), a.id(), false, instructor);
        teams.move(course, s.get(4).id(), a.id(), true, instructor);
        assertThat(teams.myTeam(course, s.get(0)).orElseThrow().members()).hasSize(4);

        // the last member moved out: the team is dissolved
        teams.move(course, s.get(2).id(), a.id(), true, instructor);
        assertThat(teams.overview(course, ta).teams()).extracting(TeamInfo::name).containsExactly("A");
    }

    @Test
    void leftovers_fill_small_teams_then_form_new_teams_then_join_the_smallest_teams() {
        openWindow();
        List<SignedInUser> s = students(14);
        TeamInfo small = teams.create(course, "Small", "", s.get(0));
        TeamInfo full = teams.create(course, "Full", "", s.get(1));
        join(full, s.get(2), s.get(3));
        TeamInfo pair = teams.create(course, "Pair", "", s.get(4));
        join(pair, s.get(5));
        teams.setLocked(course, true, instructor);
        List<SignedInUser> left = s.subList(6, 13);   // 7 without a team; s[13] comes later

        refused(() -> teams.placeLeftovers(course, left.getFirst()), "access.staffOnly");
        // s[13] is not yet a student of the course when placing happens the first time
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "delete from course_member where course_id = ?1 and user_id = ?2")
                .setParameter(1, course).setParameter(2, s.get(13).id()).executeUpdate());

        Placement placement = teams.placeLeftovers(course, ta);

        // 1. "Small" (1 member) is filled to the minimum of 2 with the first leftover
        // 2. 6 remain: ceil(6 / 3) = 2 new teams, dealt round-robin: 3 and 3
        Map<Long, String> teamOf = placement.placed().stream()
                .collect(Collectors.toMap(Placement.Placed::userId, Placement.Placed::teamName));
        assertThat(teamOf.get(left.get(0).id())).isEqualTo("Small");
        assertThat(List.of(1, 3, 5).stream().map(i -> teamOf.get(left.get(i).id()))).containsOnly("Team 4");
        assertThat(List.of(2, 4, 6).stream().map(i -> teamOf.get(left.get(i).id()))).containsOnly("Team 5");
        assertThat(placement.unplaced()).isEmpty();
        assertThat(placement.placed()).filteredOn(Placement.Placed::newTeam).hasSize(6);

        // 3. one more student: fewer than the minimum, so they join the smallest team with room (lowest id first)
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "insert into course_member (course_id, user_id, role) values (?1, ?2, 'STUDENT')")
                .setParameter(1, course).setParameter(2, s.get(13).id()).executeUpdate());
        Placement second = teams.placeLeftovers(course, instructor);
        assertThat(second.placed()).singleElement().satisfies(p -> {
            assertThat(p.userId()).isEqualTo(s.get(13).id());
            assertThat(p.teamId()).isEqualTo(small.id());
        });
        assertThat(teams.students(course, ta)).allSatisfy(p -> assertThat(p.teamId()).isPresent());
        assertThat(teams.overview(course, ta).teams()).allSatisfy(t -> assertThat(t.members()).hasSizeBetween(2, 3));
    }

    @Test
    void leftovers_that_fit_nowhere_are_reported() {
        openWindow();
        List<SignedInUser> s = students(4);
        TeamInfo a = teams.create(course, "A", "", s.get(0));
        join(a, s.get(1), s.get(2));
        // one student, every team full: no team of one is formed
        Placement placement = teams.placeLeftovers(course, ta);
        assertThat(placement.placed()).isEmpty();
        assertThat(placement.unplaced()).extracting(TeamMemberInfo::userId).containsExactly(s.get(3).id());
    }

    // --- concurrency of joins ------------------------------------------------------------------------------------

    @Test
    void two_hundred_fifty_simultaneous_joins_never_exceed_a_cap_or_put_a_student_in_two_teams() throws Exception {
        openWindow();
        List<SignedInUser> s = students(250);
        int teamCount = 40;
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < teamCount; i++) {
            codes.add(teams.create(course, "T" + i, "", s.get(i)).joinCode().orElseThrow());
        }
        List<SignedInUser> joiners = s.subList(teamCount, s.size());   // 210 students
        // 250 attempts: every joiner tries one team, 40 of them try a second team at the same moment
        List<Map.Entry<SignedInUser, String>> attempts = new ArrayList<>();
        for (int i = 0; i < joiners.size(); i++) {
            attempts.add(Map.entry(joiners.get(i), codes.get(i % teamCount)));
        }
        for (int i = 0; i < 40; i++) {
            attempts.add(Map.entry(joiners.get(i), codes.get((i + 1) % teamCount)));
        }
        Collections.shuffle(attempts, new java.util.Random(7));
        assertThat(attempts).hasSize(250);

        List<Throwable> outcomes = race(attempts, a -> teams.join(course, a.getValue(), a.getKey()));

        long joined = outcomes.stream().filter(o -> o == null).count();
        List<Throwable> refusals = outcomes.stream().filter(o -> o != null).toList();
        assertThat(refusals).allSatisfy(r -> assertThat(r).isInstanceOf(UserFacingException.class));
        assertThat(refusals).extracting(r -> ((UserFacingException) r).messageKey())
                .containsOnly("team.error.full", "team.error.alreadyInTeam");
        assertThat(joined + refusals.size()).isEqualTo(250);

        assertThat(count("select coalesce(max(n), 0) from (select count(*) n from team_member where course_id = "
                + course + " group by team_id) sizes")).isLessThanOrEqualTo(3);
        assertThat(count("select count(*) from (select user_id from team_member where course_id = " + course
                + " group by user_id having count(*) > 1) twice")).isZero();
        assertThat(count("select count(*) from team_member where course_id = " + course))
                .isEqualTo(teamCount + joined);
        // every team had far more applicants than places
        assertThat(joined).isEqualTo(2L * teamCount);
    }

    // --- proposal ------------------------------------------------------------------------------------------------

    @Test
    void teammates_saving_different_parts_at_once_both_keep_their_text() throws Exception {
        openWindow();
        List<SignedInUser> s = students(2);
        TeamInfo team = teams.create(course, "Writers", "", s.get(0));
        join(team, s.get(1));
        Proposal read = proposals.mine(course, s.get(0));
        assertThat(read.part(ProposalPart.RESEARCH).version()).isZero();

        List<Throwable> outcomes = race(List.of(
                        Map.entry(s.get(0), new PartEdit(ProposalPart.RESEARCH, "Transformers $O(n^2)$", 0)),
                        Map.entry(s.get(1), new PartEdit(ProposalPart.PROBLEMS, "Memory grows with length", 0))),
                e -> assertThat(proposals.save(course, List.of(e.getValue()), e.getKey()).conflicts()).isEmpty());
        assertThat(outcomes).containsOnlyNulls();

        Proposal now = proposals.mine(course, s.get(1));
        assertThat(now.part(ProposalPart.RESEARCH)).isEqualTo(new ProposalText("Transformers $O(n^2)$", 1));
        assertThat(now.part(ProposalPart.PROBLEMS)).isEqualTo(new ProposalText("Memory grows with length", 1));
        assertThat(now.part(ProposalPart.APPROACH)).isEqualTo(new ProposalText("", 0));
    }

    @Test
    void teammates_saving_the_same_part_at_once_get_a_conflict_and_lose_nothing() throws Exception {
        openWindow();
        List<SignedInUser> s = students(2);
        TeamInfo team = teams.create(course, "Same part", "", s.get(0));
        join(team, s.get(1));
        Map<Long, ProposalSave> saves = new ConcurrentHashMap<>();
        List<Throwable> outcomes = race(List.of(
                        Map.entry(s.get(0), "Sparse attention"), Map.entry(s.get(1), "Linear attention")),
                e -> saves.put(e.getKey().id(), proposals.save(course,
                        List.of(new PartEdit(ProposalPart.APPROACH, e.getValue(), 0)), e.getKey())));
        assertThat(outcomes).containsOnlyNulls();

        List<ProposalSave> conflicted = saves.values().stream().filter(v -> !v.conflicts().isEmpty()).toList();
        List<ProposalSave> stored = saves.values().stream().filter(v -> !v.saved().isEmpty()).toList();
        assertThat(conflicted).hasSize(1);
        assertThat(stored).hasSize(1);
        PartConflict conflict = conflicted.getFirst().conflicts().getFirst();
        String winner = proposals.mine(course, s.get(0)).part(ProposalPart.APPROACH).text();
        assertThat(conflict.theirText()).isEqualTo(winner);
        assertThat(List.of(conflict.yourText(), conflict.theirText()))
                .containsExactlyInAnyOrder("Sparse attention", "Linear attention");
        assertThat(conflict.theirVersion()).isEqualTo(1);

        // the second merges and saves from the version they were shown
        SignedInUser loser = saves.entrySet().stream().filter(e -> !e.getValue().conflicts().isEmpty())
                .map(e -> e.getKey() == s.get(0).id() ? s.get(0) : s.get(1)).findFirst().orElseThrow();
        String merged = conflict.theirText() + "\n\n" + conflict.yourText();
        ProposalSave again = proposals.save(course, List.of(new PartEdit(ProposalPart.APPROACH, merged,
                conflict.theirVersion())), loser);
        assertThat(again.conflicts()).isEmpty();
        assertThat(again.proposal().part(ProposalPart.APPROACH)).isEqualTo(new ProposalText(merged, 2));

        // saving the text a part already has is no conflict, whatever version it came from
        assertThat(proposals.save(course, List.of(new PartEdit(ProposalPart.APPROACH, merged, 0)), s.get(0))
                .conflicts()).isEmpty();
        refused(() -> proposals.save(course, List.of(new PartEdit(ProposalPart.RESEARCH,
                "x".repeat(ProposalService.MAX_PART + 1), 0)), s.get(0)), "proposal.error.tooLong");
    }

    @Test
    void a_proposal_is_read_by_its_team_and_staff_only() {
        openWindow();
        List<SignedInUser> s = students(3);
        TeamInfo mine = teams.create(course, "Mine", "", s.get(0));
        TeamInfo theirs = teams.create(course, "Theirs", "", s.get(1));
        proposals.save(course, List.of(new PartEdit(ProposalPart.RESEARCH, "our secret idea", 0)), s.get(1));

        refused(() -> proposals.ofTeam(course, theirs.id(), s.get(0)), "team.error.notFound");
        refused(() -> proposals.ofTeam(course, theirs.id(), s.get(2)), "team.error.notFound");
        refused(() -> proposals.mine(course, s.get(2)), "proposal.error.noTeam");
        refused(() -> proposals.mine(course, ta), "team.error.studentsOnly");
        assertThat(proposals.ofTeam(course, mine.id(), s.get(0)).editable()).isTrue();
        Proposal read = proposals.ofTeam(course, theirs.id(), ta);
        assertThat(read.part(ProposalPart.RESEARCH).text()).isEqualTo("our secret idea");
        assertThat(read.editable()).isFalse();
        assertThat(read.updatedBy()).contains(s.get(1).displayName());
    }

    @Test
    void a_complete_proposal_is_submitted_as_numbered_versions_of_the_teams_work() {
        openWindow();
        List<SignedInUser> s = students(3);
        TeamInfo team = teams.create(course, "Submitters", "", s.get(0));
        join(team, s.get(1));
        long assignment = assignments.create(course, new AssignmentDraft(AssignmentKind.PROPOSAL, "Proposal", "",
                10, java.time.Instant.now().plus(7, ChronoUnit.DAYS), Optional.empty(), 0, 7, Rubric.NONE, true, 0),
                instructor);
        Map<ProposalPart, String> headings = Map.of(ProposalPart.RESEARCH, "1) Research",
                ProposalPart.PROBLEMS, "2) Problems", ProposalPart.APPROACH, "3) Approach");
        assertThat(proposals.assignments(course, s.get(0))).extracting(a -> a.id()).containsExactly(assignment);

        proposals.save(course, List.of(new PartEdit(ProposalPart.RESEARCH, "ViT", 0),
                new PartEdit(ProposalPart.PROBLEMS, "Data hungry", 0)), s.get(0));
        refused(() -> proposals.submit(course, assignment, headings, s.get(0)), "proposal.error.incomplete");
        proposals.save(course, List.of(new PartEdit(ProposalPart.APPROACH, "Distillation", 0)), s.get(1));

        Receipt first = proposals.submit(course, assignment, headings, s.get(0));
        Receipt second = proposals.submit(course, assignment, headings, s.get(1));
        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(first.body()).isEqualTo("## 1) Research\n\nViT\n\n## 2) Problems\n\nData hungry\n\n"
                + "## 3) Approach\n\nDistillation");
        assertThat(proposals.submitted(course, assignment, s.get(0))).extracting(Receipt::version)
                .containsExactly(2, 1);
        refused(() -> proposals.submit(course, assignment, headings, s.get(2)), "proposal.error.noTeam");
        refused(() -> proposals.submit(course, assignment + 1000, headings, s.get(0)), "proposal.error.noAssignment");
    }

    // --- presentation slots --------------------------------------------------------------------------------------

    @Test
    void twenty_teams_racing_for_five_slots_get_one_slot_each_at_most() throws Exception {
        openWindow();
        List<SignedInUser> s = students(20);
        for (int i = 0; i < 20; i++) {
            teams.create(course, "Team " + i, "", s.get(i));
        }
        LocalDateTime tomorrow = LocalDateTime.now(SEOUL).plusDays(1).truncatedTo(ChronoUnit.HOURS);
        refused(() -> presentations.openSlots(course, tomorrow, 5, s.getFirst()), "access.staffOnly");
        assertThat(presentations.openSlots(course, tomorrow, 5, ta)).isEqualTo(5);
        assertThat(presentations.openSlots(course, tomorrow, 1, ta)).isZero();
        PresentationSchedule schedule = presentations.schedule(course, s.getFirst());
        assertThat(schedule.slots()).hasSize(5);
        assertThat(schedule.slots().get(1).startsAt().toLocalDateTime()).isEqualTo(tomorrow.plusMinutes(7));
        assertThat(schedule.slots()).allSatisfy(slot -> assertThat(slot.minutes()).isEqualTo(7));

        List<Long> slotIds = schedule.slots().stream().map(Slot::id).toList();
        List<Map.Entry<SignedInUser, Long>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(Map.entry(s.get(i), slotIds.get(i % 5)));
        }
        List<Throwable> outcomes = race(attempts, a -> presentations.book(course, a.getValue(), a.getKey()));

        assertThat(outcomes.stream().filter(o -> o == null)).hasSize(5);
        assertThat(outcomes.stream().filter(o -> o != null)).allSatisfy(o -> assertThat(o)
                .isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo("slot.error.taken"));
        PresentationSchedule booked = presentations.schedule(course, ta);
        assertThat(booked.slots()).allSatisfy(slot -> assertThat(slot.teamId()).isPresent());
        assertThat(booked.slots().stream().map(slot -> slot.teamId().orElseThrow()).distinct()).hasSize(5);
    }

    @Test
    void teammates_booking_two_slots_at_once_leave_their_team_with_one() throws Exception {
        openWindow();
        List<SignedInUser> s = students(3);
        TeamInfo team = teams.create(course, "Bookers", "", s.get(0));
        join(team, s.get(1));
        presentations.openSlots(course, LocalDateTime.now(SEOUL).plusDays(2), 3, instructor);
        List<Long> ids = presentations.schedule(course, ta).slots().stream().map(Slot::id).toList();

        List<Throwable> outcomes = race(List.of(Map.entry(s.get(0), ids.get(0)), Map.entry(s.get(1), ids.get(1))),
                a -> presentations.book(course, a.getValue(), a.getKey()));
        assertThat(outcomes).containsOnlyNulls();
        PresentationSchedule schedule = presentations.schedule(course, s.get(0));
        assertThat(schedule.slots()).filteredOn(Slot::mine).hasSize(1);

        // change, then release before it starts
        presentations.book(course, ids.get(2), s.get(1));
        assertThat(presentations.schedule(course, s.get(0)).slots()).filteredOn(Slot::mine)
                .extracting(Slot::id).containsExactly(ids.get(2));
        presentations.release(course, s.get(0));
        assertThat(presentations.schedule(course, s.get(0)).slots()).noneMatch(Slot::mine);
        refused(() -> presentations.release(course, s.get(0)), "slot.error.none");
        refused(() -> presentations.book(course, ids.get(0), s.get(2)), "slot.error.noTeam");
        refused(() -> presentations.book(course, ids.get(0), ta), "team.error.studentsOnly");
    }

    @Test
    void a_slot_that_has_started_can_be_neither_booked_nor_released() {
        openWindow();
        List<SignedInUser> s = students(2);
        teams.create(course, "Early birds", "", s.get(0));
        teams.create(course, "Late", "", s.get(1));
        presentations.openSlots(course, LocalDateTime.now(SEOUL).plusDays(1), 2, ta);
        List<Long> ids = presentations.schedule(course, ta).slots().stream().map(Slot::id).toList();
        presentations.book(course, ids.get(0), s.get(0));
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update presentation_slot set starts_at = starts_at - interval '2 days' where course_id = ?1")
                .setParameter(1, course).executeUpdate());

        assertThat(presentations.schedule(course, s.get(0)).slots()).allMatch(Slot::started);
        refused(() -> presentations.release(course, s.get(0)), "slot.error.started");
        refused(() -> presentations.book(course, ids.get(1), s.get(0)), "slot.error.started");
        refused(() -> presentations.book(course, ids.get(1), s.get(1)), "slot.error.started");
        refused(() -> presentations.openSlots(course, LocalDateTime.now(SEOUL).minusHours(1), 1, ta),
                "slot.error.past");
    }

    // --- outsiders -----------------------------------------------------------------------------------------------

    @Test
    void non_members_are_refused_everything_as_if_the_course_did_not_exist() {
        openWindow();
        SignedInUser member = students(1).getFirst();
        TeamInfo team = teams.create(course, "Inside", "", member);
        long other = courses.create("o-" + unique(), "Elsewhere", "2026 Fall", SignedInUser.system());
        SignedInUser outsider = students(other, 1).getFirst();
        String code = team.joinCode().orElseThrow();

        refused(() -> teams.overview(course, outsider), "course.error.notFound");
        refused(() -> teams.join(course, code, outsider), "course.error.notFound");
        refused(() -> teams.create(course, "Intruders", "", outsider), "course.error.notFound");
        refused(() -> proposals.ofTeam(course, team.id(), outsider), "course.error.notFound");
        refused(() -> presentations.schedule(course, outsider), "course.error.notFound");
        refused(() -> teams.placeLeftovers(course, outsider), "course.error.notFound");
        // a team of one course cannot be reached through another
        refused(() -> teams.join(other, code, outsider), "team.error.noWindow");
        refused(() -> proposals.ofTeam(other, team.id(), outsider), "team.error.notFound");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private void openWindow() {
        LocalDateTime now = LocalDateTime.now(SEOUL);
        teams.setWindow(course, now.minusDays(1), now.plusDays(7), instructor);
    }

    private void join(TeamInfo team, SignedInUser... students) {
        for (SignedInUser student : students) {
            teams.join(course, team.joinCode().orElseThrow(), student);
        }
    }

    /** Runs every task on its own thread, all released at once; the outcome of each (null: it succeeded). */
    private static <T> List<Throwable> race(List<T> tasks, Consumer<T> action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Throwable>> futures = new ArrayList<>();
            for (T task : tasks) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    try {
                        action.accept(task);
                        return null;
                    } catch (Throwable t) {
                        return t;
                    }
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            start.countDown();
            List<Throwable> outcomes = new ArrayList<>();
            for (Future<Throwable> future : futures) {
                outcomes.add(future.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<SignedInUser> students(int n) {
        return students(course, n);
    }

    /** Students enrolled straight in the database: fast (no password hashing), for tests with many of them. */
    private List<SignedInUser> students(long courseId, int n) {
        String prefix = "s" + unique() + "-";
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = entityManager.createNativeQuery("""
                            insert into app_user (username, display_name, password_hash)
                            select ?1 || g, 'Student ' || ?1 || g, 'not-a-hash' from generate_series(1, ?2) g
                            returning id, username, display_name""")
                    .setParameter(1, prefix).setParameter(2, n).getResultList();
            List<SignedInUser> made = new ArrayList<>();
            for (Object row : rows) {
                Object[] r = (Object[]) row;
                long id = ((Number) r[0]).longValue();
                entityManager.createNativeQuery(
                                "insert into course_member (course_id, user_id, role) values (?1, ?2, 'STUDENT')")
                        .setParameter(1, courseId).setParameter(2, id).executeUpdate();
                made.add(new SignedInUser(id, (String) r[1], (String) r[2], false, Optional.empty(), false));
            }
            made.sort((a, b) -> Long.compare(a.id(), b.id()));
            return made;
        });
    }

    private SignedInUser person(CourseRole role) {
        var account = courses.addMember(course, new NewMember("u" + unique(), role.name(), null, null, role),
                SignedInUser.system()).orElseThrow();
        return SignedInUser.of(users.find(account.userId()).orElseThrow());
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue());
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo(key);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
