package io.lecturelab.announcement;

import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.NewMember;
import io.lecturelab.mail.MailOutbox;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The app as it runs by default: no SMTP server is configured, so announcements work and nothing is mailed. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class AnnouncementsWithoutMailTest {

    @Inject
    AnnouncementService announcements;

    @Inject
    CourseService courses;

    @Inject
    UserService users;

    @Inject
    MailOutbox outbox;

    @Test
    void without_an_smtp_server_a_post_asking_for_mail_is_shown_and_nothing_is_queued() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        long course = courses.create("nomail-" + id, "No mail", "2026 Fall", SignedInUser.system());
        SignedInUser instructor = person(course, CourseRole.INSTRUCTOR, id + "i");
        SignedInUser student = person(course, CourseRole.STUDENT, id + "s");

        Posted posted = announcements.post(course, new AnnouncementDraft("Welcome", "Hello **all**"), true,
                instructor);

        assertThat(outbox.enabled()).isFalse();
        assertThat(posted.mailed()).isZero();
        assertThat(outbox.counts()).isEqualTo(new MailOutbox.Counts(0, 0, 0));
        assertThat(announcements.list(course, student).items()).extracting(AnnouncementItem::title, AnnouncementItem::unread)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Welcome", true));
    }

    private SignedInUser person(long course, CourseRole role, String name) {
        var account = courses.addMember(course, new NewMember("u" + name, name, name + "@example.org", null, role),
                SignedInUser.system()).orElseThrow();
        return SignedInUser.of(users.find(account.userId()).orElseThrow());
    }
}
