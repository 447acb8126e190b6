package io.lecturelab.announcement;

import io.lecturelab.base.Markdown;
import io.lecturelab.base.i18n.Translations;
import io.lecturelab.mail.MailOutbox;
import io.lecturelab.mail.OutgoingMail;
import jakarta.enterprise.context.ApplicationScoped;
import org.jsoup.nodes.Entities;

import java.util.List;
import java.util.Locale;

/**
 * An announcement as e-mails, each in its recipient's language: the Markdown as plain text, and the same as sanitised
 * HTML, with a link to the announcements page when the app's address is configured.
 */
@ApplicationScoped
class AnnouncementMails {

    private static final Translations TEXTS = new Translations();

    private final MailOutbox outbox;

    AnnouncementMails(MailOutbox outbox) {
        this.outbox = outbox;
    }

    record Recipient(long userId, String address, String language) {
    }

    List<OutgoingMail> of(long courseId, String course, long announcementId, AnnouncementDraft draft,
                          String author, List<Recipient> recipients) {
        String link = outbox.siteUrl().isEmpty() ? "" : outbox.siteUrl() + "/courses/" + courseId + "/announcements";
        String html = Markdown.toSafeHtml(draft.body());
        return recipients.stream().map(r -> {
            Locale locale = Translations.supported(r.language() == null ? null : Locale.forLanguageTag(r.language()));
            String subject = text(locale, "announcement.mail.subject", course, draft.title());
            String intro = text(locale, "announcement.mail.intro", author, course);
            String footer = text(locale, "announcement.mail.footer", course);
            String open = link.isEmpty() ? "" : text(locale, "announcement.mail.open", link);
            String textBody = intro + "\n\n" + draft.title() + "\n\n" + draft.body() + "\n\n"
                    + (open.isEmpty() ? "" : open + "\n\n") + "-- \n" + footer + "\n";
            String htmlBody = "<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><body>"
                    + "<p>" + escape(intro) + "</p>"
                    + "<h2>" + escape(draft.title()) + "</h2>"
                    + "<div>" + html + "</div>"
                    + (link.isEmpty() ? "" : "<p><a href=\"" + escape(link) + "\">"
                    + escape(text(locale, "announcement.mail.openLink")) + "</a></p>")
                    + "<hr><p style=\"color:#666;font-size:small\">" + escape(footer) + "</p></body></html>";
            return new OutgoingMail(r.userId(), r.address(), subject, textBody, htmlBody,
                    "announcement:" + announcementId);
        }).toList();
    }

    private static String text(Locale locale, String key, Object... arguments) {
        return TEXTS.getTranslation(key, locale, arguments);
    }

    private static String escape(String text) {
        return Entities.escape(text);
    }
}
