package io.lecturelab.coursework;

import io.lecturelab.base.i18n.Translations;
import io.lecturelab.course.CourseService;
import io.lecturelab.mail.MailOutbox;
import io.lecturelab.mail.OutgoingMail;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.User;
import io.lecturelab.security.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.jsoup.nodes.Entities;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "Your grade is released" e-mails, in each student's language, to the students (or every member of the teams) whose
 * grades were just released; the points stay in the app. Sent after the release committed (see {@link MailOutbox}).
 */
@ApplicationScoped
class GradeMails {

    private static final Translations TEXTS = new Translations();

    private final MailOutbox outbox;
    private final Teams teams;
    private final UserRepository users;
    private final CourseService courses;

    GradeMails(MailOutbox outbox, Teams teams, UserRepository users, CourseService courses) {
        this.outbox = outbox;
        this.teams = teams;
        this.users = users;
        this.courses = courses;
    }

    /** @return how many e-mails will be sent */
    int released(long courseId, long assignmentId, String assignmentTitle, Collection<Owner> owners,
                 SignedInUser staff) {
        if (!outbox.enabled() || owners.isEmpty()) {
            return 0;
        }
        Set<Long> userIds = new LinkedHashSet<>();
        Map<Long, Teams.Team> byTeam = owners.stream().anyMatch(Owner::team)
                ? teams.ofCourse(courseId).stream().collect(Collectors.toMap(Teams.Team::id, t -> t)) : Map.of();
        for (Owner owner : owners) {
            if (owner.team()) {
                Teams.Team team = byTeam.get(owner.id());
                if (team != null) {
                    userIds.addAll(team.memberIds());
                }
            } else {
                userIds.add(owner.id());
            }
        }
        if (userIds.isEmpty()) {
            return 0;
        }
        String course = courses.settings(courseId, staff).title();
        String link = outbox.siteUrl().isEmpty() ? ""
                : outbox.siteUrl() + "/courses/" + courseId + "/assignments/" + assignmentId;
        List<OutgoingMail> mails = new ArrayList<>();
        for (User user : users.list("id in ?1", userIds)) {
            if (user.getEmail() == null || user.getEmail().isBlank() || user.isDisabled()) {
                continue;
            }
            Locale locale = Translations.supported(user.getLocale() == null ? null
                    : Locale.forLanguageTag(user.getLocale()));
            String subject = TEXTS.getTranslation("mail.grade.subject", locale, course, assignmentTitle);
            String text = TEXTS.getTranslation("mail.grade.text", locale, assignmentTitle, course);
            String open = link.isEmpty() ? "" : TEXTS.getTranslation("mail.grade.open", locale, link);
            String footer = TEXTS.getTranslation("announcement.mail.footer", locale, course);
            String textBody = text + "\n\n" + (open.isEmpty() ? "" : open + "\n\n") + "-- \n" + footer + "\n";
            String htmlBody = "<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><body><p>"
                    + Entities.escape(text) + "</p>"
                    + (link.isEmpty() ? "" : "<p><a href=\"" + Entities.escape(link) + "\">"
                    + Entities.escape(TEXTS.getTranslation("mail.grade.openLink", locale)) + "</a></p>")
                    + "<hr><p style=\"color:#666;font-size:small\">" + Entities.escape(footer) + "</p></body></html>";
            mails.add(new OutgoingMail(user.getId(), user.getEmail(), subject, textBody, htmlBody,
                    "grade:" + assignmentId));
        }
        return outbox.send(mails);
    }
}
