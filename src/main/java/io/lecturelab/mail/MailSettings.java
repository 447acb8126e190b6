package io.lecturelab.mail;

import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

/**
 * Whether this server sends e-mail: only when an SMTP host is configured ({@code quarkus.mailer.host}, e.g. as
 * {@code QUARKUS_MAILER_HOST}), or Quarkus Mailer's mock mode is switched on explicitly (mails go to the log). Quarkus
 * Mailer itself would fall back to {@code localhost:25}; an app without a mail server must not try that at every
 * announcement, so a host that only comes from the extension's defaults counts as none.
 */
@ApplicationScoped
public class MailSettings {

    /** Config sources at or below this ordinal hold defaults (the extension's and the build's), not settings. */
    private static final int DEFAULTS_ORDINAL = Integer.MIN_VALUE + 100;

    private final boolean enabled;
    private final String server;

    MailSettings(Config config) {
        SmallRyeConfig smallRye = config.unwrap(SmallRyeConfig.class);
        ConfigValue host = smallRye.getConfigValue("quarkus.mailer.host");
        ConfigValue mock = smallRye.getConfigValue("quarkus.mailer.mock");
        boolean hostSet = set(host);
        boolean mockOn = set(mock) && Boolean.parseBoolean(mock.getValue());
        enabled = hostSet || mockOn;
        String port = smallRye.getOptionalValue("quarkus.mailer.port", String.class).orElse("default port");
        server = mockOn ? "the log (quarkus.mailer.mock=true)"
                : hostSet ? host.getValue() + ":" + port : "none";
    }

    private static boolean set(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() > DEFAULTS_ORDINAL;
    }

    /** Whether e-mails are written to the outbox and sent. */
    public boolean enabled() {
        return enabled;
    }

    /** Where mail goes, for the log. */
    String server() {
        return server;
    }
}
