package io.lecturelab.mail;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends the outbox on one background thread: woken after each commit that stored mails, and every
 * {@link MailConfig#retryEvery()} for retries and for mails a stopped server left behind. Off (no thread at all) when
 * no SMTP server is configured.
 */
@ApplicationScoped
class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    private static final int BATCH = 20;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    MailSettings settings;
    @Inject
    MailConfig config;
    @Inject
    MailOutbox outbox;
    @Inject
    ReactiveMailer mailer;

    private volatile ScheduledExecutorService thread;

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            LOG.info("E-mail is off: no SMTP server is configured (quarkus.mailer.host)");
            return;
        }
        LOG.infof("E-mail goes to %s", settings.server());
        thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("mail-sender").daemon()
                .factory());
        long every = Math.max(1, config.retryEvery().toMillis());
        thread.scheduleWithFixedDelay(this::drain, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        ScheduledExecutorService running = thread;
        if (running != null) {
            running.shutdownNow();
        }
    }

    /** Sends what is due soon, without waiting (called after a commit that stored mails). */
    void wake() {
        ScheduledExecutorService running = thread;
        if (running == null) {
            return;
        }
        try {
            running.execute(this::drain);
        } catch (RejectedExecutionException stopping) {
            // the app is stopping: the mails stay in the outbox for the next start
        }
    }

    /** Sends due mails until none is left. Runs only on the sender's one thread, so runs never overlap here. */
    void drain() {
        try {
            List<MailOutbox.Claimed> batch;
            while (!(batch = outbox.claim(BATCH)).isEmpty()) {
                batch.forEach(this::send);
            }
        } catch (RuntimeException e) {
            LOG.error("The mail outbox could not be read or updated; trying again later", e);
        }
    }

    private void send(MailOutbox.Claimed mail) {
        try {
            mailer.send(Mail.withText(mail.toAddress(), mail.subject(), mail.textBody()).setHtml(mail.htmlBody()))
                    .await().atMost(SEND_TIMEOUT);
        } catch (RuntimeException e) {
            outbox.failed(mail, describe(e));
            return;
        }
        outbox.sent(mail);
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e; cause != null && text.length() < MailOutbox.MAX_ERROR_CHARS;
             cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }
}
