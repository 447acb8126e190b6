package io.lecturelab.mail;

import io.lecturelab.base.AfterCommit;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * E-mail to members. A feature hands its mails over inside its own transaction: they are stored in the outbox with
 * what they tell about, and sent by {@link MailSender} on its own thread once that transaction committed — a request
 * never waits for an SMTP server, a rolled-back change mails nobody, and a mail that cannot be sent stays in the
 * outbox with its error and is tried again. Without a configured SMTP server ({@link MailSettings}) nothing is
 * stored. People who turned e-mail off get none.
 */
@ApplicationScoped
@Transactional
public class MailOutbox {

    private static final Logger LOG = Logger.getLogger(MailOutbox.class);
    static final int MAX_ERROR_CHARS = 1000;

    private final MailOutboxRepository outbox;
    private final MailSettings settings;
    private final MailConfig config;
    private final AfterCommit afterCommit;
    private final MailSender sender;
    private final Clock clock;

    MailOutbox(MailOutboxRepository outbox, MailSettings settings, MailConfig config, AfterCommit afterCommit,
               MailSender sender, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.config = config;
        this.afterCommit = afterCommit;
        this.sender = sender;
        this.clock = clock;
    }

    /** Whether this server sends e-mail at all. */
    public boolean enabled() {
        return settings.enabled();
    }

    /** The app's address for links in mails, without a trailing slash; empty when not configured. */
    public String siteUrl() {
        return config.siteUrl().map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url).orElse("");
    }

    /**
     * Stores the mails to be sent after the caller's transaction commits, leaving out people without an address and
     * those who turned e-mail off.
     *
     * @return how many mails will be sent (0 when e-mail is off)
     */
    public int send(List<OutgoingMail> mails) {
        if (!settings.enabled() || mails.isEmpty()) {
            return 0;
        }
        Set<Long> optedOut = outbox.optedOut(mails.stream().map(OutgoingMail::recipientId).toList());
        Instant now = clock.instant();
        int stored = 0;
        for (OutgoingMail mail : mails) {
            if (mail.toAddress() == null || mail.toAddress().isBlank() || optedOut.contains(mail.recipientId())) {
                continue;
            }
            outbox.persist(OutboxMail.of(mail, now));
            stored++;
        }
        if (stored > 0) {
            afterCommit.run(sender::wake);
        }
        return stored;
    }

    /** Whether the user gets e-mail from the app (announcements, released grades). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean wantsMail(SignedInUser user) {
        return outbox.optedOut(List.of(user.id())).isEmpty();
    }

    /** Turns e-mail from the app on or off for the user themselves. */
    public void setWantsMail(SignedInUser user, boolean wanted) {
        if (wanted) {
            outbox.optIn(user.id());
        } else {
            outbox.optOut(user.id(), clock.instant());
        }
    }

    /** Mails waiting to be sent, sent, and given up after their last attempt (for administrators and tests). */
    public Counts counts() {
        return new Counts(outbox.countIn("pending"), outbox.countIn("sent"), outbox.countIn("failed"));
    }

    public record Counts(long pending, long sent, long failed) {
    }

    // --- the sender's side ---------------------------------------------------------------------------------------

    /** Takes up to {@code max} due mails for this server for a while (see {@link MailConfig#lease()}). */
    List<Claimed> claim(int max) {
        Instant now = clock.instant();
        List<Long> ids = outbox.lockDue(now, max);
        if (ids.isEmpty()) {
            return List.of();
        }
        outbox.claim(ids, now.plus(config.lease()));
        outbox.getEntityManager().clear();
        return outbox.list("id in ?1 order by id", ids).stream()
                .map(m -> new Claimed(m.id, m.attempts, m.toAddress, m.subject, m.textBody, m.htmlBody, m.topic))
                .toList();
    }

    void sent(Claimed mail) {
        outbox.sent(mail.id(), mail.attempt(), clock.instant());
    }

    /** Records the failure; the mail is tried again later, or given up after the last attempt (logged as error). */
    void failed(Claimed mail, String error) {
        String message = error == null || error.isBlank() ? "unknown error" : error;
        message = message.length() > MAX_ERROR_CHARS ? message.substring(0, MAX_ERROR_CHARS) : message;
        Instant now = clock.instant();
        boolean last = mail.attempt() >= config.maxAttempts();
        Instant next = now.plus(config.retryEvery().multipliedBy(mail.attempt()));
        outbox.failed(mail.id(), mail.attempt(), message, next, last ? now : null);
        if (last) {
            LOG.errorf("E-mail %d (%s) to %s given up after %d attempts: %s", mail.id(), mail.topic(),
                    mail.toAddress(), mail.attempt(), message);
        } else {
            LOG.warnf("E-mail %d (%s) to %s not sent (attempt %d of %d, next at %s): %s", mail.id(), mail.topic(),
                    mail.toAddress(), mail.attempt(), config.maxAttempts(), next, message);
        }
    }

    /** A mail this server holds while it sends it; {@code attempt} proves the hold in later updates. */
    record Claimed(long id, int attempt, String toAddress, String subject, String textBody, String htmlBody,
                   String topic) {
    }
}
