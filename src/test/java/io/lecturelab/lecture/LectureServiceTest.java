package io.lecturelab.lecture;

import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.NewMember;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import io.lecturelab.testsupport.GeneratedPdf;
import io.lecturelab.testsupport.PostgresResource;
import io.lecturelab.testsupport.UploadFolder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.Metamodel;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class LectureServiceTest {

    private static final byte[] PDF = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Inject
    LectureService lectures;

    @Inject
    CourseService courses;

    @Inject
    UserService users;

    @Inject
    LectureLabConfig config;

    @Inject
    io.lecturelab.base.Uploads uploads;

    @Inject
    EntityManager entityManager;

    private long course;
    private SignedInUser instructor;
    private SignedInUser student;

    @BeforeEach
    void course() {
        course = courses.create("l-" + unique(), "Lectures", "2026 Fall", SignedInUser.system());
        instructor = person(CourseRole.INSTRUCTOR);
        student = person(CourseRole.STUDENT);
    }

    @Test
    void the_sample_course_starts_with_lecture_one_published() {
        long sample = courses.findIdBySlug(SampleLecture.SAMPLE_COURSE).orElseThrow();
        SignedInUser admin = SignedInUser.of(users.find("admin").orElseThrow());
        Schedule schedule = lectures.schedule(sample, admin);
        assertThat(schedule.lectures()).hasSize(1);
        LectureSummary first = schedule.lectures().getFirst();
        assertThat(first.published()).isTrue();
        assertThat(first.title()).isEqualTo("1. Introduction");
        assertThat(first.liveStartsAt().orElseThrow().getZone()).isEqualTo(ZoneId.of("Asia/Seoul"));
        assertThat(first.liveStartsAt().orElseThrow().getHour()).isEqualTo(12);
        assertThat(lectures.lecture(sample, first.id(), admin).body())
                .isEqualTo(SampleLecture.read(SampleLecture.RESOURCE));
    }

    @Test
    void unpublished_lectures_are_hidden_from_students_but_not_from_staff() {
        long shown = lectures.create(course, draft("Shown", "text"), instructor);
        long hidden = lectures.create(course, draft("Hidden", "secret text"), instructor);
        lectures.setPublished(course, shown, true, instructor);

        assertThat(lectures.schedule(course, student).lectures()).extracting(LectureSummary::title)
                .containsExactly("Shown");
        assertThat(lectures.schedule(course, instructor).lectures()).extracting(LectureSummary::title)
                .containsExactly("Shown", "Hidden");
        refused(() -> lectures.lecture(course, hidden, student), "lecture.error.notFound");
        assertThat(lectures.search(course, "text", student)).extracting(SearchHit::title).containsExactly("Shown");
        refused(() -> lectures.markStudied(course, hidden, true, student), "lecture.error.notFound");
    }

    @Test
    void students_cannot_change_lectures() {
        long id = lectures.create(course, draft("Mine", "x"), instructor);
        refused(() -> lectures.create(course, draft("Theirs", "y"), student), "lecture.error.staffOnly");
        refused(() -> lectures.update(course, id, draft("Changed", "z"), student), "lecture.error.staffOnly");
        refused(() -> lectures.setPublished(course, id, true, student), "lecture.error.staffOnly");
        refused(() -> attach(id, "s.pdf", PDF, student), "lecture.error.staffOnly");
        assertThat(lectures.lecture(course, id, instructor).title()).isEqualTo("Mine");
    }

    @Test
    void lectures_are_reordered_one_place_at_a_time() {
        long a = lectures.create(course, draft("A", ""), instructor);
        lectures.create(course, draft("B", ""), instructor);
        long c = lectures.create(course, draft("C", ""), instructor);

        lectures.move(course, c, -1, instructor);
        lectures.move(course, a, 1, instructor);
        lectures.move(course, a, 1, instructor);
        lectures.move(course, a, 1, instructor);

        assertThat(lectures.schedule(course, instructor).lectures()).extracting(LectureSummary::title)
                .containsExactly("C", "B", "A");
    }

    @Test
    void a_refused_attachment_changes_nothing_and_an_accepted_one_keeps_its_bytes_and_hash() throws IOException {
        long id = lectures.create(course, draft("Slides", ""), instructor);
        Attachment slides = attach(id, "lecture-01.pdf", PDF, instructor);

        refused(() -> attach(id, "virus.exe", PDF, instructor), "lecture.error.fileType");
        refused(() -> attach(id, "fake.pdf", "<html>".getBytes(StandardCharsets.UTF_8), instructor),
                "upload.error.notPdf");
        refused(() -> attach(id, "empty.txt", new byte[0], instructor), "upload.error.empty");

        assertThat(lectures.lecture(course, id, instructor).attachments()).containsExactly(slides);
        assertThat(slides.sha256()).isEqualTo(
                java.util.HexFormat.of().formatHex(sha256(PDF)));
        lectures.setPublished(course, id, true, instructor);
        AttachmentFile file = lectures.attachment(course, slides.id(), student);
        try (InputStream content = file.content()) {
            assertThat(content.readAllBytes()).isEqualTo(PDF);
        }
        assertThat(file.contentType()).isEqualTo("application/pdf");
        assertThat(file.sizeBytes()).isEqualTo(PDF.length);
    }

    @Test
    void a_file_of_exactly_the_limit_is_kept_whole_and_one_byte_more_is_refused_while_it_streams()
            throws IOException {
        long id = lectures.create(course, draft("Big", ""), instructor);
        int max = config.lectures().maxAttachmentBytes();
        Set<Path> before = uploadTempFiles();

        Attachment atLimit = lectures.attach(course, id, "big.pdf", GeneratedPdf.of(max), instructor);
        assertThat(atLimit.sizeBytes()).isEqualTo(max);
        GeneratedPdf overLimit = GeneratedPdf.of(max + 10 * 1024 * 1024);
        refused(() -> lectures.attach(course, id, "bigger.pdf", overLimit, instructor), "lecture.error.fileSize");
        // refused as soon as the count passed the limit, not after reading all 10 MB more
        assertThat(overLimit.count()).isLessThanOrEqualTo(max + 64 * 1024L);
        refused(() -> lectures.attach(course, id, "bigger.pdf", GeneratedPdf.of(max + 1), instructor),
                "lecture.error.fileSize");

        assertThat(lectures.lecture(course, id, instructor).attachments()).containsExactly(atLimit);
        assertThat(uploadTempFiles()).isEqualTo(before);
        // many stored chunks come back in order, byte for byte
        MessageDigest expected = sha256Digest();
        try (InputStream generated = GeneratedPdf.of(max)) {
            expected.update(generated.readAllBytes());
        }
        try (InputStream content = lectures.attachment(course, atLimit.id(), instructor).content()) {
            byte[] downloaded = content.readAllBytes();
            assertThat(downloaded).hasSize(max);
            assertThat(java.util.HexFormat.of().formatHex(sha256(downloaded)))
                    .isEqualTo(java.util.HexFormat.of().formatHex(expected.digest()))
                    .isEqualTo(atLimit.sha256());
        }
    }

    @Test
    void a_file_whose_contents_are_not_what_its_name_says_is_refused() throws IOException {
        long id = lectures.create(course, draft("Types", ""), instructor);
        Set<Path> before = uploadTempFiles();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        byte[] gif = "GIF89a....".getBytes(StandardCharsets.US_ASCII);
        byte[] text = "print('안녕')\n".getBytes(StandardCharsets.UTF_8);

        refused(() -> attach(id, "slides.pdf", png, instructor), "upload.error.notPdf");
        refused(() -> attach(id, "photo.png", text, instructor), "upload.error.contentMismatch");
        refused(() -> attach(id, "photo.jpg", gif, instructor), "upload.error.contentMismatch");
        refused(() -> attach(id, "code.zip", PDF, instructor), "upload.error.contentMismatch");
        refused(() -> attach(id, "lab.ipynb", "{\"metadata\": {}}".getBytes(StandardCharsets.UTF_8), instructor),
                "upload.error.contentMismatch");
        refused(() -> attach(id, "lab.ipynb", "{\"cells\": [".getBytes(StandardCharsets.UTF_8), instructor),
                "upload.error.contentMismatch");
        refused(() -> attach(id, "lab.ipynb", "{\"a\": {\"cells\": []}}".getBytes(StandardCharsets.UTF_8),
                instructor), "upload.error.contentMismatch");
        refused(() -> attach(id, "notes.txt", "a\0b".getBytes(StandardCharsets.UTF_8), instructor),
                "upload.error.contentMismatch");
        refused(() -> attach(id, "scores.csv", new byte[] {'a', (byte) 0xc3, '(', '\n'}, instructor),
                "upload.error.contentMismatch");
        refused(() -> attach(id, "run.py", png, instructor), "upload.error.contentMismatch");
        assertThat(lectures.lecture(course, id, instructor).attachments()).isEmpty();

        attach(id, "photo.png", png, instructor);
        attach(id, "photo.gif", gif, instructor);
        attach(id, "photo.jpeg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0}, instructor);
        attach(id, "code.zip", new byte[] {'P', 'K', 3, 4, 20, 0}, instructor);
        attach(id, "lab.ipynb", "{\"nbformat\": 4, \"cells\": [{\"source\": \"x\"}], \"metadata\": {}}"
                .getBytes(StandardCharsets.UTF_8), instructor);
        attach(id, "run.py", text, instructor);
        assertThat(lectures.lecture(course, id, instructor).attachments()).extracting(Attachment::fileName)
                .containsExactly("photo.png", "photo.gif", "photo.jpeg", "code.zip", "lab.ipynb", "run.py");
        assertThat(uploadTempFiles()).isEqualTo(before);
    }

    @Test
    void an_upload_that_breaks_midway_leaves_no_row_and_no_temporary_file() {
        long id = lectures.create(course, draft("Broken", ""), instructor);
        Set<Path> before = uploadTempFiles();
        InputStream breaking = GeneratedPdf.breakingAfter(600 * 1024);

        assertThatThrownBy(() -> lectures.attach(course, id, "slides.pdf", breaking, instructor))
                .isInstanceOf(IOException.class).hasMessage("connection reset");

        assertThat(lectures.lecture(course, id, instructor).attachments()).isEmpty();
        assertThat(uploadTempFiles()).isEqualTo(before);
        assertThat(chunksOf(id)).isZero();
    }

    @Test
    void listing_and_removing_attachments_never_reads_their_contents() throws IOException {
        // No lecture entity maps the contents (they live in lecture_attachment_chunk, read only by a download), so
        // neither a listing nor loading a row to delete it can bring the bytes along.
        Metamodel model = entityManager.getMetamodel();
        for (EntityType<?> entity : model.getEntities()) {
            if (!entity.getJavaType().getPackageName().equals(LectureService.class.getPackageName())) {
                continue;
            }
            assertThat(entity.getAttributes()).as(entity.getName())
                    .noneMatch(a -> a.getJavaType() == byte[].class || a.getJavaType() == java.sql.Blob.class);
        }
        long id = lectures.create(course, draft("Remove", ""), instructor);
        Attachment slides = lectures.attach(course, id, "big.pdf", GeneratedPdf.of(1024 * 1024), instructor);
        assertThat(chunksOf(id)).isEqualTo(4);

        lectures.removeAttachment(course, slides.id(), instructor);

        assertThat(lectures.lecture(course, id, instructor).attachments()).isEmpty();
        assertThat(chunksOf(id)).isZero();
    }

    @Test
    void studied_marks_make_the_progress_and_the_staff_report() {
        long one = lectures.create(course, draft("One", ""), instructor);
        long two = lectures.create(course, draft("Two", ""), instructor);
        lectures.setPublished(course, one, true, instructor);
        lectures.setPublished(course, two, true, instructor);

        lectures.markStudied(course, one, true, student);
        lectures.markStudied(course, one, true, student);
        Schedule schedule = lectures.schedule(course, student);
        assertThat(schedule.studied()).isEqualTo(1);
        assertThat(schedule.published()).isEqualTo(2);

        StudyReport report = lectures.studyReport(course, instructor);
        assertThat(report.students()).singleElement().satisfies(row -> {
            assertThat(row.userId()).isEqualTo(student.id());
            assertThat(row.studied()).containsExactly(one);
        });
        refused(() -> lectures.studyReport(course, student), "lecture.error.staffOnly");

        lectures.markStudied(course, one, false, student);
        assertThat(lectures.schedule(course, student).studied()).isZero();
    }

    @Test
    void search_finds_words_in_titles_and_text_with_an_excerpt() {
        long softmax = lectures.create(course, draft("Linear classifier", "우리는 softmax 함수로 확률을 구합니다."),
                instructor);
        lectures.create(course, draft("Softmax revisited", "more"), instructor);
        lectures.create(course, draft("Other", "nothing 100%_here"), instructor);
        lectures.setPublished(course, softmax, true, instructor);

        assertThat(lectures.search(course, "SOFTMAX", instructor)).extracting(SearchHit::title)
                .containsExactly("Linear classifier", "Softmax revisited");
        assertThat(lectures.search(course, "softmax", student)).singleElement()
                .satisfies(hit -> assertThat(hit.excerpt()).contains("softmax 함수로"));
        assertThat(lectures.search(course, "%_", instructor)).extracting(SearchHit::title).containsExactly("Other");
        assertThat(lectures.search(course, "x", instructor)).isEmpty();
    }

    @Test
    void a_stale_edit_is_refused_and_the_newer_one_is_kept() {
        long id = lectures.create(course, draft("Original", "v0"), instructor);
        int read = lectures.lecture(course, id, instructor).version();
        LectureDetails first = lectures.update(course, id, withVersion(draft("First editor", "v1"), read), instructor);
        assertThat(first.version()).isGreaterThan(read);

        refused(() -> lectures.update(course, id, withVersion(draft("Second editor", "v2"), read), instructor),
                "lecture.error.concurrentEdit");
        LectureDetails now = lectures.lecture(course, id, instructor);
        assertThat(now.title()).isEqualTo("First editor");
        assertThat(now.body()).isEqualTo("v1");
    }

    @Test
    void the_live_class_time_is_kept_in_course_time() {
        LectureDraft draft = new LectureDraft(2, LocalDate.of(2026, 9, 7), "Week 2", "", "https://video.example/2",
                LocalDateTime.of(2026, 9, 8, 12, 0), "https://zoom.us/j/1", 0);
        long id = lectures.create(course, draft, instructor);
        LectureDetails details = lectures.lecture(course, id, instructor);
        assertThat(details.liveStartsAt().orElseThrow().toLocalDateTime()).isEqualTo(draft.liveStartsAt());
        assertThat(details.liveStartsAt().orElseThrow().toInstant().toString()).isEqualTo("2026-09-08T03:00:00Z");
        assertThatThrownBy(() -> new LectureDraft(2, null, "t", "", "javascript:alert(1)", null, "", 0))
                .isInstanceOf(UserFacingException.class);
    }

    private SignedInUser person(CourseRole role) {
        var account = courses.addMember(course, new NewMember("u" + unique(), role.name(), null, null, role),
                SignedInUser.system()).orElseThrow();
        return SignedInUser.of(users.find(account.userId()).orElseThrow());
    }

    private static LectureDraft draft(String title, String body) {
        return new LectureDraft(1, null, title, body, "", null, "", 0);
    }

    private static LectureDraft withVersion(LectureDraft d, int version) {
        return new LectureDraft(d.week(), d.date(), d.title(), d.body(), d.recordingUrl(), d.liveStartsAt(),
                d.liveUrl(), version);
    }

    @Test
    void ids_of_another_course_reach_nothing_through_any_method_that_takes_an_id() throws IOException {
        long ownLecture = lectures.create(course, draft("Own", ""), instructor);
        lectures.setPublished(course, ownLecture, true, instructor);
        // another course, its lecture and attachment, made by its own instructor
        long other = courses.create("o-" + unique(), "Elsewhere", "2026 Fall", SignedInUser.system());
        var otherAccount = courses.addMember(other, new NewMember("o" + unique(), "Other", null, null,
                CourseRole.INSTRUCTOR), SignedInUser.system()).orElseThrow();
        SignedInUser otherInstructor = SignedInUser.of(users.find(otherAccount.userId()).orElseThrow());
        long foreignLecture = lectures.create(other, draft("Foreign", "secret"), otherInstructor);
        lectures.setPublished(other, foreignLecture, true, otherInstructor);
        long foreignFile = lectures.attach(other, foreignLecture, "f.pdf", new ByteArrayInputStream(PDF),
                otherInstructor).id();
        LectureDraft edit = draft("Taken over", "");

        // through the own course's id: the other course's lecture and attachment do not exist here
        for (SignedInUser who : List.of(instructor, student)) {
            refused(() -> lectures.lecture(course, foreignLecture, who), "lecture.error.notFound");
            refused(() -> lectures.attachment(course, foreignFile, who), "lecture.error.notFound");
            refused(() -> lectures.markStudied(course, foreignLecture, true, who), "lecture.error.notFound");
        }
        refused(() -> lectures.update(course, foreignLecture, edit, instructor), "lecture.error.notFound");
        refused(() -> lectures.setPublished(course, foreignLecture, false, instructor), "lecture.error.notFound");
        refused(() -> lectures.move(course, foreignLecture, 1, instructor), "lecture.error.notFound");
        refused(() -> lectures.delete(course, foreignLecture, instructor), "lecture.error.notFound");
        refused(() -> attach(foreignLecture, "x.pdf", PDF, instructor), "lecture.error.notFound");
        refused(() -> lectures.removeAttachment(course, foreignFile, instructor), "lecture.error.notFound");
        // through the other course's id: this course's people are not members there
        for (SignedInUser who : List.of(instructor, student)) {
            refused(() -> lectures.schedule(other, who), "course.error.notFound");
            refused(() -> lectures.lecture(other, foreignLecture, who), "course.error.notFound");
            refused(() -> lectures.attachment(other, foreignFile, who), "course.error.notFound");
            refused(() -> lectures.search(other, "secret", who), "course.error.notFound");
        }
        refused(() -> lectures.studyReport(other, instructor), "course.error.notFound");
        refused(() -> lectures.delete(other, foreignLecture, instructor), "course.error.notFound");
        refused(() -> lectures.removeAttachment(other, foreignFile, instructor), "course.error.notFound");

        assertThat(lectures.lecture(other, foreignLecture, otherInstructor).title()).isEqualTo("Foreign");
        assertThat(lectures.lecture(other, foreignLecture, otherInstructor).attachments()).hasSize(1);
    }

    private Attachment attach(long lectureId, String name, byte[] content, SignedInUser editor) throws IOException {
        return lectures.attach(course, lectureId, name, new ByteArrayInputStream(content), editor);
    }

    private Set<Path> uploadTempFiles() {
        return UploadFolder.files(uploads.folder());
    }

    private long chunksOf(long lectureId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "select count(*) from lecture_attachment_chunk c join lecture_attachment a "
                                + "on a.id = c.attachment_id where a.lecture_id = ?1")
                .setParameter(1, lectureId).getSingleResult()).longValue());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo(key);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
