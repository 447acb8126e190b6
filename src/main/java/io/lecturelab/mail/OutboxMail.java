package io.lecturelab.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A row of the outbox: one e-mail, sent or still to send. Claims and results are conditional updates. */
@Entity
@Table(name = "mail_outbox")
class OutboxMail {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "recipient_id")
    Long recipientId;

    @Column(name = "to_address", nullable = false)
    String toAddress;

    @Column(nullable = false)
    String subject;

    @Column(name = "text_body", nullable = false)
    String textBody;

    @Column(name = "html_body", nullable = false)
    String htmlBody;

    @Column(nullable = false)
    String topic;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "next_attempt_at", nullable = false)
    Instant nextAttemptAt;

    @Column(name = "claimed_until")
    Instant claimedUntil;

    @Column(nullable = false)
    int attempts;

    @Column(name = "last_error")
    String lastError;

    @Column(name = "sent_at")
    Instant sentAt;

    @Column(name = "gave_up_at")
    Instant gaveUpAt;

    static OutboxMail of(OutgoingMail mail, Instant now) {
        OutboxMail row = new OutboxMail();
        row.recipientId = mail.recipientId();
        row.toAddress = mail.toAddress();
        row.subject = mail.subject().length() > 300 ? mail.subject().substring(0, 299) + "…" : mail.subject();
        row.textBody = mail.textBody();
        row.htmlBody = mail.htmlBody();
        row.topic = mail.topic();
        row.createdAt = now;
        row.nextAttemptAt = now;
        return row;
    }
}
