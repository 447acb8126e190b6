package io.lecturelab.it;

import io.lecturelab.testsupport.SmtpServer;

import java.util.HashMap;
import java.util.Map;

/** {@link ItResource}, and a real SMTP server (GreenMail) that the packaged app sends its e-mail to. */
public class MailItResource extends ItResource {

    private final SmtpServer smtp = new SmtpServer();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.putAll(smtp.start());
        return config;
    }

    @Override
    public void stop() {
        smtp.stop();
        super.stop();
    }
}
