package io.lecturelab.coursework.team;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Teams, their members, the board, proposals and slots. Whatever must hold with many servers at once is decided by
 * PostgreSQL here: row locks on the team before counting its members, the {@code team_member} key for one team per
 * student, conditional updates for slots.
 */
@ApplicationScoped
class TeamRepository implements PanacheRepository<Team> {

    // --- formation -----------------------------------------------------------------------------------------------

    Optional<TeamFormation> formation(long courseId) {
        return Optional.ofNullable(getEntityManager().find(TeamFormation.class, courseId));
    }

    /**
     * The formation row under a shared lock: joins and creations go on side by side, while staff locking the teams
     * wait for them (and they for staff).
     */
    Optional<TeamFormation> formationForShare(long courseId) {
        return Optional.ofNullable(getEntityManager().find(TeamFormation.class, courseId,
                LockModeType.PESSIMISTIC_READ));
    }

    /** The formation row, created when missing, locked for a change. */
    TeamFormation formationForUpdate(long courseId) {
        getEntityManager().createNativeQuery("insert into team_formation (course_id) values (?1) on conflict do nothing")
                .setParameter(1, courseId).executeUpdate();
        return getEntityManager().find(TeamFormation.class, courseId, LockModeType.PESSIMISTIC_WRITE);
    }

    // --- teams ---------------------------------------------------------------------------------------------------

    List<Team> ofCourse(long courseId) {
        return list("courseId = ?1 order by lower(name), id", courseId);
    }

    Optional<Team> inCourse(long courseId, long teamId) {
        return find("courseId = ?1 and id = ?2", courseId, teamId).firstResultOptional();
    }

    /** The team row locked against other joins, moves and bookings until this transaction ends. */
    Optional<Team> lockTeam(long courseId, long teamId) {
        return find("courseId = ?1 and id = ?2", courseId, teamId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    Optional<Team> lockByCode(long courseId, String code) {
        return find("courseId = ?1 and joinCode = ?2", courseId, code).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** Every team of the course locked, in id order (the order every locker uses, so none waits in a circle). */
    List<Team> lockAll(long courseId) {
        return find("courseId = ?1 order by id", courseId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    boolean nameTaken(long courseId, String name) {
        return count("courseId = ?1 and lower(name) = lower(?2)", courseId, name) > 0;
    }

    boolean codeTaken(String code) {
        return count("joinCode", code) > 0;
    }

    /** Deletes a team without members, unless work was submitted in its name (that work keeps its team). */
    void dissolveIfEmpty(long teamId) {
        if (memberCount(teamId) > 0) {
            return;
        }
        Object submitted = getEntityManager().createNativeQuery(
                        "select exists (select 1 from submission where team_id = ?1)")
                .setParameter(1, teamId).getSingleResult();
        if (!Boolean.TRUE.equals(submitted)) {
            getEntityManager().createNativeQuery("delete from team where id = ?1")
                    .setParameter(1, teamId).executeUpdate();
        }
    }

    // --- members -------------------------------------------------------------------------------------------------

    long memberCount(long teamId) {
        return ((Number) getEntityManager().createNativeQuery("select count(*) from team_member where team_id = ?1")
                .setParameter(1, teamId).getSingleResult()).longValue();
    }

    Optional<Long> teamOf(long courseId, long userId) {
        List<?> rows = getEntityManager().createNativeQuery(
                        "select team_id from team_member where course_id = ?1 and user_id = ?2")
                .setParameter(1, courseId).setParameter(2, userId).getResultList();
        return rows.stream().findFirst().map(id -> ((Number) id).longValue());
    }

    /**
     * Adds a member unless the student is in a team of the course already; the key {@code (course_id, user_id)}
     * decides, also against a join of the same student that commits meanwhile.
     *
     * @return false when the student already is in a team
     */
    boolean addMember(long courseId, long userId, long teamId, Instant now) {
        return getEntityManager().createNativeQuery("""
                        insert into team_member (course_id, user_id, team_id, joined_at) values (?1, ?2, ?3, ?4)
                        on conflict (course_id, user_id) do nothing""")
                .setParameter(1, courseId).setParameter(2, userId).setParameter(3, teamId).setParameter(4, now)
                .executeUpdate() == 1;
    }

    boolean removeMember(long courseId, long userId) {
        return getEntityManager().createNativeQuery("delete from team_member where course_id = ?1 and user_id = ?2")
                .setParameter(1, courseId).setParameter(2, userId).executeUpdate() == 1;
    }

    /** Members of the course's teams with their names, in the order they joined. */
    List<MemberRow> members(long courseId) {
        List<?> rows = getEntityManager().createNativeQuery("""
                        select m.team_id, m.user_id, u.display_name from team_member m
                        join app_user u on u.id = m.user_id
                        where m.course_id = ?1 order by m.joined_at, m.user_id""")
                .setParameter(1, courseId).getResultList();
        return rows.stream().map(r -> (Object[]) r)
                .map(r -> new MemberRow(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2]))
                .toList();
    }

    /** One team's members with their names, in the order they joined. */
    List<MemberRow> membersOf(long teamId) {
        List<?> rows = getEntityManager().createNativeQuery("""
                        select m.team_id, m.user_id, u.display_name from team_member m
                        join app_user u on u.id = m.user_id
                        where m.team_id = ?1 order by m.joined_at, m.user_id""")
                .setParameter(1, teamId).getResultList();
        return rows.stream().map(r -> (Object[]) r)
                .map(r -> new MemberRow(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2]))
                .toList();
    }

    record MemberRow(long teamId, long userId, String displayName) {
    }

    // --- board ---------------------------------------------------------------------------------------------------

    void seek(long courseId, long userId, String note, Instant now) {
        getEntityManager().createNativeQuery("""
                        insert into team_seeker (course_id, user_id, note, since) values (?1, ?2, ?3, ?4)
                        on conflict (course_id, user_id) do update set note = excluded.note""")
                .setParameter(1, courseId).setParameter(2, userId).setParameter(3, note).setParameter(4, now)
                .executeUpdate();
    }

    void stopSeeking(long courseId, long userId) {
        getEntityManager().createNativeQuery("delete from team_seeker where course_id = ?1 and user_id = ?2")
                .setParameter(1, courseId).setParameter(2, userId).executeUpdate();
    }

    List<SeekerRow> seekers(long courseId) {
        List<?> rows = getEntityManager().createNativeQuery("""
                        select s.user_id, u.display_name, s.note, s.since from team_seeker s
                        join app_user u on u.id = s.user_id
                        where s.course_id = ?1 order by s.since, s.user_id""")
                .setParameter(1, courseId).getResultList();
        return rows.stream().map(r -> (Object[]) r)
                .map(r -> new SeekerRow(((Number) r[0]).longValue(), (String) r[1], (String) r[2], instant(r[3])))
                .toList();
    }

    record SeekerRow(long userId, String displayName, String note, Instant since) {
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case java.time.OffsetDateTime o -> o.toInstant();
            case java.time.ZonedDateTime z -> z.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("not a time: " + value);
        };
    }

    // --- proposal ------------------------------------------------------------------------------------------------

    Optional<TeamProposal> proposal(long teamId) {
        return Optional.ofNullable(getEntityManager().find(TeamProposal.class, teamId));
    }

    /** The team's proposal, created empty when missing, locked until this transaction ends. */
    TeamProposal proposalForUpdate(long teamId, Instant now) {
        getEntityManager().createNativeQuery("""
                        insert into team_proposal (team_id, updated_at) values (?1, ?2) on conflict do nothing""")
                .setParameter(1, teamId).setParameter(2, now).executeUpdate();
        return getEntityManager().find(TeamProposal.class, teamId, LockModeType.PESSIMISTIC_WRITE);
    }

    Optional<String> displayName(long userId) {
        List<?> rows = getEntityManager().createNativeQuery("select display_name from app_user where id = ?1")
                .setParameter(1, userId).getResultList();
        return rows.stream().findFirst().map(String.class::cast);
    }

    // --- slots ---------------------------------------------------------------------------------------------------

    List<PresentationSlot> slots(long courseId) {
        return getEntityManager().createQuery(
                        "from PresentationSlot where courseId = ?1 order by startsAt, id", PresentationSlot.class)
                .setParameter(1, courseId).getResultList();
    }

    Optional<PresentationSlot> slot(long courseId, long slotId) {
        return getEntityManager().createQuery("from PresentationSlot where courseId = ?1 and id = ?2",
                        PresentationSlot.class)
                .setParameter(1, courseId).setParameter(2, slotId).getResultStream().findFirst();
    }

    Optional<PresentationSlot> slotOf(long teamId) {
        return getEntityManager().createQuery("from PresentationSlot where teamId = ?1", PresentationSlot.class)
                .setParameter(1, teamId).getResultStream().findFirst();
    }

    /** @return false when a slot already starts at that instant */
    boolean openSlot(long courseId, Instant startsAt, int minutes) {
        return getEntityManager().createNativeQuery("""
                        insert into presentation_slot (course_id, starts_at, minutes) values (?1, ?2, ?3)
                        on conflict (course_id, starts_at) do nothing""")
                .setParameter(1, courseId).setParameter(2, startsAt).setParameter(3, minutes)
                .executeUpdate() == 1;
    }

    /** Books a free slot that has not started: one statement, so two teams can never both get it. */
    boolean book(long courseId, long slotId, long teamId, Instant now) {
        return getEntityManager().createQuery("""
                        update PresentationSlot set teamId = ?1, bookedAt = ?2
                        where id = ?3 and courseId = ?4 and teamId is null and startsAt > ?2""")
                .setParameter(1, teamId).setParameter(2, now).setParameter(3, slotId).setParameter(4, courseId)
                .executeUpdate() == 1;
    }

    /** Frees the team's slot if it has not started. */
    boolean release(long teamId, Instant now) {
        return getEntityManager().createQuery("""
                        update PresentationSlot set teamId = null, bookedAt = null
                        where teamId = ?1 and startsAt > ?2""")
                .setParameter(1, teamId).setParameter(2, now).executeUpdate() == 1;
    }

    boolean deleteSlot(long courseId, long slotId) {
        return getEntityManager().createQuery("delete from PresentationSlot where courseId = ?1 and id = ?2")
                .setParameter(1, courseId).setParameter(2, slotId).executeUpdate() == 1;
    }
}
