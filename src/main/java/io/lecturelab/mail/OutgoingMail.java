package io.lecturelab.mail;

/**
 * One e-mail to one person, written by a feature in the recipient's language: plain text and the same as safe HTML.
 * {@code topic} names what it tells about (e.g. {@code announcement:12}) for the log and for tests.
 */
public record OutgoingMail(long recipientId, String toAddress, String subject, String textBody, String htmlBody,
                           String topic) {
}
