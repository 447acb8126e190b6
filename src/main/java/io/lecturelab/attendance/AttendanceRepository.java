package io.lecturelab.attendance;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Attendance's rows: marks (this repository's own type), sessions, changes, codes, check-ins and the rule. */
@ApplicationScoped
class AttendanceRepository implements PanacheRepository<AttendanceMark> {

    // --- sessions ----------------------------------------------------------------------------------------------------

    List<ClassSession> sessions(long courseId) {
        return getEntityManager().createQuery("from ClassSession where courseId = ?1 order by startsAt, kind, id",
                ClassSession.class).setParameter(1, courseId).getResultList();
    }

    Optional<ClassSession> session(long courseId, long sessionId) {
        return getEntityManager().createQuery("from ClassSession where courseId = ?1 and id = ?2",
                ClassSession.class).setParameter(1, courseId).setParameter(2, sessionId).getResultStream()
                .findFirst();
    }

    /**
     * The session, locked until the transaction ends: every write of its marks (staff, "mark all", check-ins) takes
     * this lock first, so they happen one after another and each sees the others' results.
     */
    Optional<ClassSession> lockSession(long courseId, long sessionId) {
        return getEntityManager().createQuery("from ClassSession where courseId = ?1 and id = ?2",
                        ClassSession.class).setParameter(1, courseId).setParameter(2, sessionId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    /** Adds a lecture's session unless it exists (two readers at once: one inserts, the other does nothing). */
    void addLectureSession(long courseId, long lectureId, SessionKind kind, String title, Instant startsAt,
                           Instant now) {
        getEntityManager().createNativeQuery("insert into class_session (course_id, lecture_id, kind, title, "
                        + "starts_at, created_at) values (?1, ?2, ?3, ?4, ?5, ?6) "
                        + "on conflict (lecture_id, kind) where lecture_id is not null do nothing")
                .setParameter(1, courseId).setParameter(2, lectureId).setParameter(3, kind.name())
                .setParameter(4, title).setParameter(5, startsAt).setParameter(6, now).executeUpdate();
    }

    void persist(ClassSession session) {
        getEntityManager().persist(session);
    }

    // --- marks -------------------------------------------------------------------------------------------------------

    List<AttendanceMark> marks(long courseId) {
        return getEntityManager().createQuery("select m from AttendanceMark m, ClassSession s "
                + "where m.sessionId = s.id and s.courseId = ?1", AttendanceMark.class).setParameter(1, courseId)
                .getResultList();
    }

    List<AttendanceMark> marksOfSession(long sessionId) {
        return list("sessionId", sessionId);
    }

    Optional<AttendanceMark> mark(long sessionId, long userId) {
        return find("sessionId = ?1 and userId = ?2", sessionId, userId).firstResultOptional();
    }

    void persist(MarkChange change) {
        getEntityManager().persist(change);
    }

    List<MarkChange> history(long sessionId, long userId) {
        return getEntityManager().createQuery("from MarkChange where sessionId = ?1 and userId = ?2 "
                + "order by changedAt, id", MarkChange.class).setParameter(1, sessionId).setParameter(2, userId)
                .getResultList();
    }

    // --- codes -------------------------------------------------------------------------------------------------------

    void persist(CheckInCode code) {
        getEntityManager().persist(code);
    }

    List<CheckInCode> codesOfSession(long sessionId) {
        return getEntityManager().createQuery("from CheckInCode where sessionId = ?1 order by openedAt, id",
                CheckInCode.class).setParameter(1, sessionId).getResultList();
    }

    /** The newest code with this text, whatever course it belongs to. */
    Optional<CheckInCode> newestCode(String code) {
        return getEntityManager().createQuery("from CheckInCode where code = ?1 order by openedAt desc, id desc",
                CheckInCode.class).setParameter(1, code).setMaxResults(1).getResultStream().findFirst();
    }

    boolean codeInUse(String code, Instant now) {
        return !getEntityManager().createQuery("select c.id from CheckInCode c where c.code = ?1 "
                + "and c.expiresAt > ?2", Long.class).setParameter(1, code).setParameter(2, now).setMaxResults(1)
                .getResultList().isEmpty();
    }

    /** The course's codes still valid now, newest first. */
    List<CheckInCode> openCodes(long courseId, Instant now) {
        return getEntityManager().createQuery("select c from CheckInCode c, ClassSession s where c.sessionId = s.id "
                        + "and s.courseId = ?1 and c.openedAt <= ?2 and c.expiresAt > ?2 order by c.openedAt desc, "
                        + "c.id desc", CheckInCode.class).setParameter(1, courseId).setParameter(2, now)
                .getResultList();
    }

    /** Records a check-in; false when the student already checked in to this session (the primary key). */
    boolean checkIn(long sessionId, long userId, long codeId, Instant now) {
        return getEntityManager().createNativeQuery("insert into check_in (session_id, user_id, code_id, "
                        + "checked_in_at) values (?1, ?2, ?3, ?4) on conflict (session_id, user_id) do nothing")
                .setParameter(1, sessionId).setParameter(2, userId).setParameter(3, codeId).setParameter(4, now)
                .executeUpdate() == 1;
    }

    long checkIns(long sessionId) {
        return ((Number) getEntityManager().createNativeQuery("select count(*) from check_in where session_id = ?1")
                .setParameter(1, sessionId).getSingleResult()).longValue();
    }

    // --- rule --------------------------------------------------------------------------------------------------------

    Optional<RuleRow> rule(long courseId) {
        return Optional.ofNullable(getEntityManager().find(RuleRow.class, courseId));
    }

    void persist(RuleRow rule) {
        getEntityManager().persist(rule);
    }
}
