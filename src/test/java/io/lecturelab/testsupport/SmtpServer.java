package io.lecturelab.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real SMTP server (GreenMail) on 127.0.0.1 and a free port, and the app's mail settings pointing at it. A test can
 * stop it (the app's mails then fail and wait in the outbox) and start it again on the same port.
 */
public class SmtpServer implements QuarkusTestResourceLifecycleManager {

    /** The app's address in mailed links, as the test configures it. */
    public static final String SITE_URL = "https://lecturelab.example.org";

    private static volatile GreenMail server;
    private static volatile int port;

    @Override
    public Map<String, String> start() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        port = server.getSmtp().getPort();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(port));
        config.put("quarkus.mailer.mock", "false");
        config.put("quarkus.mailer.from", "LectureLab <lecturelab@example.org>");
        // no pooled connection outlives a stopped server
        config.put("quarkus.mailer.keep-alive", "false");
        config.put("lecturelab.mail.site-url", SITE_URL + "/");
        config.put("lecturelab.mail.retry-every", "PT1S");
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Stops the server: connections are refused until {@link #restart()}. */
    public static void shutDown() {
        server.stop();
    }

    /** A fresh server on the same port (what it received before is gone). */
    public static void restart() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** The mails received for {@code address} so far. */
    public static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> recipients(m).contains(address)).toList();
    }

    /** Waits up to {@code seconds} until {@code address} has received {@code count} mails; returns them. */
    public static List<MimeMessage> awaitMailsTo(String address, int count, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<MimeMessage> mails = mailsTo(address);
        while (mails.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            mails = mailsTo(address);
        }
        return mails;
    }

    private static String recipients(MimeMessage message) {
        try {
            return message.getAllRecipients() == null ? "" : Arrays.toString(message.getAllRecipients());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of each part by its type, e.g. {@code text/plain} and {@code text/html}, decoded. */
    public static Map<String, String> parts(MimeMessage message) {
        Map<String, String> parts = new HashMap<>();
        try {
            collect(message, parts);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parts;
    }

    private static void collect(Part part, Map<String, String> parts) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, parts);
            }
        } else if (content instanceof String text) {
            String type = part.getContentType().toLowerCase().split(";")[0].strip();
            parts.put(type, text);
        }
    }
}
