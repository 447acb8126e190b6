package io.lecturelab.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code lecturelab.mail.*} settings. The SMTP server itself is Quarkus Mailer's ({@code quarkus.mailer.host},
 * {@code port}, {@code username}, {@code password}, {@code from}, {@code start-tls}…): without a host nothing is sent.
 */
@ConfigMapping(prefix = "lecturelab.mail")
public interface MailConfig {

    /** The app's address as members reach it (e.g. https://lecturelab.example.ac.kr), for links in e-mails. */
    Optional<String> siteUrl();

    /** How often mails that could not be sent are tried again (the n-th retry waits n times this). */
    @WithDefault("PT1M")
    Duration retryEvery();

    /** Attempts of one mail before it is given up (and kept, with its last error, in the outbox). */
    @WithDefault("6")
    int maxAttempts();

    /** How long one server holds a mail it is sending before another may take it over. */
    @WithDefault("PT2M")
    Duration lease();
}
