package io.lecturelab.mail;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The outbox's SQL. Claims lock rows with FOR UPDATE SKIP LOCKED, so several servers never send one mail twice. */
@ApplicationScoped
class MailOutboxRepository implements PanacheRepository<OutboxMail> {

    /** Due mails nobody holds (or whose holder's lease ran out), oldest first; locked, others skipped. */
    List<Long> lockDue(Instant now, int max) {
        @SuppressWarnings("unchecked")
        List<Number> ids = getEntityManager().createNativeQuery("""
                select id from mail_outbox
                where sent_at is null and gave_up_at is null and next_attempt_at <= :now
                  and (claimed_until is null or claimed_until <= :now)
                order by id
                limit :max
                for update skip locked""")
                .setParameter("now", now)
                .setParameter("max", max)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    void claim(Collection<Long> ids, Instant leaseUntil) {
        update("claimedUntil = ?1, attempts = attempts + 1 where id in ?2", leaseUntil, ids);
    }

    /** Marks a mail sent, only while this claim ({@code attempt}) holds it. */
    int sent(long id, int attempt, Instant now) {
        return update("sentAt = ?1, claimedUntil = null, lastError = null where id = ?2 and attempts = ?3"
                + " and sentAt is null", now, id, attempt);
    }

    /** Records a failed attempt, only while this claim holds it: tried again at {@code next}, or given up. */
    int failed(long id, int attempt, String error, Instant next, Instant gaveUp) {
        return update("claimedUntil = null, lastError = ?1, nextAttemptAt = ?2, gaveUpAt = ?3 where id = ?4"
                + " and attempts = ?5 and sentAt is null", error, next, gaveUp, id, attempt);
    }

    Set<Long> optedOut(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = getEntityManager().createNativeQuery(
                        "select user_id from mail_opt_out where user_id in (:ids)")
                .setParameter("ids", userIds).getResultList();
        return ids.stream().map(Number::longValue).collect(Collectors.toSet());
    }

    boolean optOut(long userId, Instant now) {
        return getEntityManager().createNativeQuery(
                        "insert into mail_opt_out (user_id, opted_out) values (:id, :now) on conflict do nothing")
                .setParameter("id", userId).setParameter("now", now).executeUpdate() > 0;
    }

    void optIn(long userId) {
        getEntityManager().createNativeQuery("delete from mail_opt_out where user_id = :id")
                .setParameter("id", userId).executeUpdate();
    }

    long countIn(String state) {
        return switch (state) {
            case "sent" -> count("sentAt is not null");
            case "failed" -> count("gaveUpAt is not null");
            default -> count("sentAt is null and gaveUpAt is null");
        };
    }
}
