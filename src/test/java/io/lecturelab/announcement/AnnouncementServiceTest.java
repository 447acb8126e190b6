package io.lecturelab.announcement;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.NewMember;
import io.lecturelab.coursework.AssignmentDraft;
import io.lecturelab.coursework.AssignmentKind;
import io.lecturelab.coursework.AssignmentService;
import io.lecturelab.coursework.GradeForm;
import io.lecturelab.coursework.GradingService;
import io.lecturelab.coursework.HandIn;
import io.lecturelab.coursework.Owner;
import io.lecturelab.coursework.Rubric;
import io.lecturelab.coursework.SubmissionService;
import io.lecturelab.mail.MailOutbox;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import io.lecturelab.testsupport.PostgresResource;
import io.lecturelab.testsupport.SmtpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Announcements against the real PostgreSQL, and their e-mails against a real SMTP server (GreenMail) that the test
 * starts, stops and starts again; and the e-mail that tells students their grade is released.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpServer.class, restrictToAnnotatedClass = true)
class AnnouncementServiceTest {

    /**
     * How long a mail may take to arrive. Sending is asynchronous and retried; on a loaded machine one SMTP session
     * has been seen to stall until the test server's 30 s socket timeout, after which the mail went out on retry.
     */
    private static final int DELIVERY_SECONDS = 90;

    @Inject
    AnnouncementService announcements;

    @Inject
    CourseService courses;

    @Inject
    UserService users;

    @Inject
    MailOutbox outbox;

    @Inject
    EntityManager entityManager;

    @Inject
    AssignmentService assignments;

    @Inject
    SubmissionService submissions;

    @Inject
    GradingService grading;

    private long course;
    private String courseTitle;
    private SignedInUser instructor;
    private SignedInUser ta;
    private SignedInUser alice;
    private SignedInUser bob;
    private SignedInUser carol;

    @BeforeEach
    void course() {
        String id = unique();
        courseTitle = "Deep Learning " + id;
        course = courses.create("ann-" + id, courseTitle, "2026 Fall", SignedInUser.system());
        instructor = person(CourseRole.INSTRUCTOR, "송경우", true);
        ta = person(CourseRole.TA, "조교 김", true);
        users.setLocale(ta.id(), Locale.KOREAN);
        alice = person(CourseRole.STUDENT, "Alice", true);
        users.setLocale(alice.id(), Locale.ENGLISH);
        bob = person(CourseRole.STUDENT, "Bob", false);
        carol = person(CourseRole.STUDENT, "Carol", true);
    }

    @Test
    void a_post_is_mailed_after_commit_to_every_other_member_with_an_address_in_their_language() throws Exception {
        outbox.setWantsMail(carol, false);
        AnnouncementDraft draft = new AnnouncementDraft("Team rules",
                "Teams of **3–4**; the proposal is due in week 6.\n\n<script>alert('x')</script>\n\n$f(x, W) = Wx$");

        Posted posted = announcements.post(course, draft, true, instructor);

        assertThat(posted.mailed()).as("TA and Alice; not the author, not Bob (no address), not Carol (off)")
                .isEqualTo(2);
        MimeMessage toAlice = SmtpServer.awaitMailsTo(address(alice), 1, DELIVERY_SECONDS).getFirst();
        assertThat(toAlice.getSubject()).isEqualTo("[" + courseTitle + "] Team rules");
        Map<String, String> english = SmtpServer.parts(toAlice);
        assertThat(english.get("text/plain")).contains("송경우 posted an announcement in " + courseTitle)
                .contains("Teams of **3–4**").contains("$f(x, W) = Wx$")
                .contains(SmtpServer.SITE_URL + "/courses/" + course + "/announcements");
        assertThat(english.get("text/html")).contains("<strong>3–4</strong>").doesNotContain("<script")
                .contains("href=\"" + SmtpServer.SITE_URL + "/courses/" + course + "/announcements\"");

        MimeMessage toTa = SmtpServer.awaitMailsTo(address(ta), 1, DELIVERY_SECONDS).getFirst();
        assertThat(SmtpServer.parts(toTa).get("text/plain")).contains("송경우 님이 " + courseTitle + "에 공지를 올렸습니다");

        assertThat(SmtpServer.mailsTo(address(instructor))).isEmpty();
        assertThat(SmtpServer.mailsTo(address(carol))).isEmpty();
        assertThat(sentTo(posted.id())).isEqualTo(2);
    }

    @Test
    void nothing_is_mailed_for_a_post_whose_transaction_rolls_back() throws Exception {
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            announcements.post(course, new AnnouncementDraft("Never", "rolled back"), true, instructor);
            throw new IllegalStateException("the request failed after the post");
        })).isInstanceOf(RuntimeException.class);

        Posted kept = announcements.post(course, new AnnouncementDraft("Kept", "committed"), true, instructor);
        List<MimeMessage> mails = SmtpServer.awaitMailsTo(address(alice), 1, DELIVERY_SECONDS);
        Thread.sleep(500);

        assertThat(SmtpServer.mailsTo(address(alice))).hasSize(1);
        assertThat(mails.getFirst().getSubject()).contains("Kept");
        assertThat(announcements.list(course, alice).items()).extracting(AnnouncementItem::id)
                .containsExactly(kept.id());
    }

    @Test
    void mail_that_cannot_be_sent_waits_in_the_outbox_with_its_error_and_goes_out_when_the_server_is_back()
            throws Exception {
        SmtpServer.shutDown();
        Posted posted;
        try {
            long started = System.nanoTime();
            posted = announcements.post(course, new AnnouncementDraft("Room change", "Room 301."), true, instructor);
            assertThat((System.nanoTime() - started) / 1_000_000).as("ms the post waited").isLessThan(5_000);
            assertThat(awaitError(posted.id(), address(alice), 20)).as("the failed attempt's error").isNotBlank();
        } finally {
            SmtpServer.restart();
        }
        List<MimeMessage> mails = SmtpServer.awaitMailsTo(address(alice), 1, DELIVERY_SECONDS);
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().getSubject()).contains("Room change");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DELIVERY_SECONDS);
        while (sentTo(posted.id()) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sentTo(posted.id())).as("TA, Alice and Carol, each once").isEqualTo(3);
    }

    @Test
    void a_member_who_turns_mail_off_gets_none_and_turning_it_on_again_brings_the_next() throws Exception {
        outbox.setWantsMail(alice, false);
        assertThat(outbox.wantsMail(alice)).isFalse();
        announcements.post(course, new AnnouncementDraft("First", "one"), true, instructor);
        outbox.setWantsMail(alice, true);
        assertThat(outbox.wantsMail(alice)).isTrue();
        announcements.post(course, new AnnouncementDraft("Second", "two"), true, instructor);
        // a post that asks for no mail sends none
        announcements.post(course, new AnnouncementDraft("Third", "three"), false, instructor);

        assertThat(SmtpServer.awaitMailsTo(address(carol), 2, DELIVERY_SECONDS)).hasSize(2);
        assertThat(SmtpServer.awaitMailsTo(address(alice), 1, DELIVERY_SECONDS)).extracting(MimeMessage::getSubject)
                .containsExactly("[" + courseTitle + "] Second");
    }

    @Test
    void each_member_has_their_own_unread_marks() {
        long first = announcements.post(course, new AnnouncementDraft("First", "1"), false, instructor).id();
        long second = announcements.post(course, new AnnouncementDraft("Second", "2"), false, ta).id();

        AnnouncementList forAlice = announcements.list(course, alice);
        assertThat(forAlice.items()).extracting(AnnouncementItem::id).containsExactly(second, first);
        assertThat(forAlice.items()).allMatch(AnnouncementItem::unread);
        assertThat(forAlice.unread()).isEqualTo(2);
        assertThat(forAlice.staff()).isFalse();
        assertThat(forAlice.items().getFirst().author()).isEqualTo("조교 김");

        announcements.markRead(course, List.of(first), alice);
        announcements.markRead(course, List.of(first), alice);

        assertThat(announcements.list(course, alice).items()).extracting(AnnouncementItem::unread)
                .containsExactly(true, false);
        AnnouncementList latest = announcements.latest(course, 1, alice);
        assertThat(latest.items()).extracting(AnnouncementItem::id).containsExactly(second);
        assertThat(latest.unread()).isEqualTo(1);
        assertThat(announcements.list(course, carol).unread()).isEqualTo(2);
        // the author has read their own; the other staff member has not
        assertThat(announcements.list(course, instructor).items()).extracting(AnnouncementItem::unread)
                .containsExactly(true, false);
        assertThat(announcements.list(course, ta).staff()).isTrue();
    }

    @Test
    void only_staff_post_edit_and_delete_and_only_members_read() {
        long id = announcements.post(course, new AnnouncementDraft("Exam", "Week 8"), false, instructor).id();
        int version = announcements.list(course, alice).items().getFirst().version();
        long otherCourse = courses.create("ann-other-" + unique(), "Other", "2026 Fall", SignedInUser.system());
        SignedInUser outsider = person(otherCourse, CourseRole.INSTRUCTOR, "Outsider", true);

        refused(() -> announcements.post(course, new AnnouncementDraft("Mine", "x"), false, alice),
                "access.staffOnly");
        refused(() -> announcements.update(course, id, new AnnouncementDraft("Changed", "x"), version, alice),
                "access.staffOnly");
        refused(() -> announcements.delete(course, id, bob), "access.staffOnly");
        refused(() -> announcements.list(course, outsider), "course.error.notFound");
        refused(() -> announcements.markRead(course, List.of(id), outsider), "course.error.notFound");
        // staff of another course cannot reach this course's announcement through their own course
        refused(() -> announcements.delete(otherCourse, id, outsider), "announcement.error.notFound");
        refused(() -> announcements.update(otherCourse, id, new AnnouncementDraft("Hijack", "x"), version,
                outsider), "announcement.error.notFound");
        assertThat(announcements.list(course, alice).items()).extracting(AnnouncementItem::title)
                .containsExactly("Exam");

        AnnouncementItem edited = announcements.update(course, id, new AnnouncementDraft("Exam moved", "Week 9"),
                version, ta);
        assertThat(edited.editedAt()).isPresent();
        announcements.delete(course, id, ta);
        assertThat(announcements.list(course, alice).items()).isEmpty();
    }

    @Test
    void a_stale_edit_is_refused_and_an_edit_mails_nobody() throws Exception {
        long id = announcements.post(course, new AnnouncementDraft("Office hours", "Mon 13:00"), true, instructor)
                .id();
        SmtpServer.awaitMailsTo(address(alice), 1, DELIVERY_SECONDS);
        int read = announcements.list(course, ta).items().getFirst().version();

        announcements.update(course, id, new AnnouncementDraft("Office hours", "Tue 12:00"), read, instructor);
        refused(() -> announcements.update(course, id, new AnnouncementDraft("Office hours", "Wed"), read, ta),
                "announcement.error.concurrentEdit");

        assertThat(announcements.list(course, alice).items().getFirst().body()).isEqualTo("Tue 12:00");
        Thread.sleep(1500);
        assertThat(SmtpServer.mailsTo(address(alice))).hasSize(1);
    }

    @Test
    void a_title_is_required_and_lengths_are_limited() {
        refused(() -> new AnnouncementDraft("  ", "text"), "announcement.error.title");
        refused(() -> new AnnouncementDraft("x".repeat(201), ""), "announcement.error.titleLength");
        refused(() -> new AnnouncementDraft("ok", "x".repeat(50_001)), "announcement.error.bodyLength");
        assertThat(new AnnouncementDraft(" Title ", "a\r\nb\n\n").body()).isEqualTo("a\nb");
    }

    @Test
    void released_grades_are_mailed_to_their_students_without_the_points() throws Exception {
        long hw = assignments.create(course, new AssignmentDraft(AssignmentKind.HOMEWORK, "HW 1", "Softmax", 10,
                java.time.Instant.parse("2099-12-31T14:59:00Z"), Optional.empty(), 0, 7, Rubric.NONE, true, 0),
                instructor);
        submissions.submit(course, hw, new HandIn("https://colab.research.google.com/drive/abc", List.of(),
                Optional.empty()), alice);
        submissions.submit(course, hw, new HandIn("https://colab.research.google.com/drive/def", List.of(),
                Optional.empty()), carol);
        grading.saveGrade(course, hw, Owner.student(alice.id()), new GradeForm(new BigDecimal("8.5"), List.of(),
                "Good.", 0), ta);

        assertThat(grading.release(course, hw, ta)).isEqualTo(1);

        MimeMessage mail = SmtpServer.awaitMailsTo(address(alice), 1, DELIVERY_SECONDS).getFirst();
        assertThat(mail.getSubject()).isEqualTo("[" + courseTitle + "] Your grade for HW 1 is released");
        String text = SmtpServer.parts(mail).get("text/plain");
        assertThat(text).contains(SmtpServer.SITE_URL + "/courses/" + course + "/assignments/" + hw)
                .doesNotContain("8.5");
        Thread.sleep(500);
        assertThat(SmtpServer.mailsTo(address(carol))).as("not graded yet").isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private long sentTo(long announcementId) {
        return ((Number) QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "select count(*) from mail_outbox where topic = ?1 and sent_at is not null")
                .setParameter(1, "announcement:" + announcementId).getSingleResult())).longValue();
    }

    private String awaitError(long announcementId, String to, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<?> errors = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                            "select last_error from mail_outbox where topic = ?1 and to_address = ?2")
                    .setParameter(1, "announcement:" + announcementId).setParameter(2, to).getResultList());
            Object error = errors.isEmpty() ? null : errors.getFirst();
            if (error != null) {
                return error.toString();
            }
            Thread.sleep(50);
        }
        return "";
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo(key);
    }

    private SignedInUser person(CourseRole role, String name, boolean withAddress) {
        return person(course, role, name, withAddress);
    }

    private SignedInUser person(long courseId, CourseRole role, String name, boolean withAddress) {
        String username = "u" + unique();
        var account = courses.addMember(courseId, new NewMember(username, name,
                withAddress ? username + "@example.org" : null, null, role), SignedInUser.system()).orElseThrow();
        return SignedInUser.of(users.find(account.userId()).orElseThrow());
    }

    private String address(SignedInUser user) {
        return users.find(user.id()).orElseThrow().getEmail();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
