package io.lecturelab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.NewMember;
import io.lecturelab.coursework.AssignmentDraft;
import io.lecturelab.coursework.AssignmentKind;
import io.lecturelab.coursework.AssignmentService;
import io.lecturelab.coursework.HandIn;
import io.lecturelab.coursework.LabRunRecord;
import io.lecturelab.coursework.Receipt;
import io.lecturelab.coursework.Rubric;
import io.lecturelab.coursework.SubmissionService;
import io.lecturelab.ml.Cifar10TestResource;
import io.lecturelab.ml.Classification;
import io.lecturelab.ml.MlTestData;
import io.lecturelab.ml.NeedsCifar10;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.queue.JobStatus;
import io.lecturelab.ml.queue.QueueTestData;
import io.lecturelab.ml.queue.QueueWorkers;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.UserService;
import io.lecturelab.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lab's decisions, against the real queue, engine and CIFAR-10. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Cifar10TestResource.class, restrictToAnnotatedClass = false)
@NeedsCifar10
class LabServiceTest {

    private static final LabPreset QUICK = LabPreset.defaults()
            .withRequest(TrainingRequest.defaults().withEpochs(1));

    @Inject
    LabService lab;

    @Inject
    CourseService courses;

    @Inject
    UserService users;

    @Inject
    QueueWorkers workers;

    @Inject
    AssignmentService assignments;

    @Inject
    SubmissionService submissions;

    private long course;
    private SignedInUser ta;
    private SignedInUser alice;
    private SignedInUser bob;

    @BeforeEach
    void course() {
        MlTestData.dir();
        QueueTestData.clearJobs();
        course = courses.create("lab-" + unique(), "Lab", "2026 Fall", SignedInUser.system());
        ta = person(course, CourseRole.TA);
        alice = person(course, CourseRole.STUDENT);
        bob = person(course, CourseRole.STUDENT);
        workers.start(1);
    }

    @AfterEach
    void stop() {
        workers.stop();
    }

    @Test
    void a_student_sees_only_their_own_runs_and_staff_see_the_whole_class() throws Exception {
        LabRun run = trained(alice);

        assertThat(lab.myRuns(course, alice)).extracting(LabRun::id).containsExactly(run.id());
        assertThat(lab.myRuns(course, bob)).isEmpty();
        assertThat(lab.classRuns(course, ta)).extracting(LabRun::ownerName).containsExactly(alice.displayName());
        assertThat(lab.run(course, run.id(), ta).curve()).isNotEmpty();
        refused(() -> lab.run(course, run.id(), bob), "lab.error.runNotFound");
        refused(() -> lab.cancel(course, run.id(), bob), "lab.error.runNotFound");
        refused(() -> lab.classify(course, run.id(), lab.testImage(course, 0, bob).image(), bob),
                "lab.error.runNotFound");
        refused(() -> lab.weights(course, run.id(), bob), "lab.error.runNotFound");
        refused(() -> lab.classRuns(course, alice), "access.staffOnly");

        long other = courses.create("lab-" + unique(), "Other", "2026 Fall", SignedInUser.system());
        SignedInUser stranger = person(other, CourseRole.INSTRUCTOR);
        refused(() -> lab.run(course, run.id(), stranger), "course.error.notFound");
        refused(() -> lab.run(other, run.id(), stranger), "lab.error.runNotFound");
        refused(() -> lab.train(course, QUICK, stranger), "course.error.notFound");
    }

    @Test
    void a_trained_run_classifies_explains_and_is_evaluated_on_the_test_split() throws Exception {
        LabRun run = trained(alice);
        TestImages.TestImage cat = lab.randomImage(course, QUICK.request().classes(), 3, new java.util.Random(1),
                alice);

        Classification answer = lab.classify(course, run.id(), cat.image(), alice);
        float[] p = answer.probabilities();
        assertThat(cat.labelName()).isEqualTo("cat");
        assertThat((double) p[0] + p[1]).isCloseTo(1.0, within(1e-5));
        assertThat(answer.contributions()).hasNumberOfRows(2);
        assertThat(answer.contributions()[0]).hasSize(1024);
        assertThat(lab.weights(course, run.id(), alice).orElseThrow()).hasSize(2 * 3072);

        Evaluation evaluation = lab.evaluate(course, run.id(), ta);
        assertThat(evaluation.total()).isEqualTo(2000);
        // the same images and weights as the engine's own evaluation after the epoch (stored as float32 in the curve)
        assertThat(evaluation.accuracy()).isEqualTo(run.accuracy().orElseThrow(), within(1e-6));
        List<Evaluation.Scored> catsAsDogs = evaluation.cells().get(0).get(1);
        assertThat(catsAsDogs).hasSize(evaluation.counts()[0][1]);
        for (int i = 1; i < catsAsDogs.size(); i++) {
            assertThat(catsAsDogs.get(i).confidence()).isLessThanOrEqualTo(catsAsDogs.get(i - 1).confidence());
        }
        assertThat(lab.testImage(course, catsAsDogs.get(0).index(), alice).labelName()).isEqualTo("cat");
    }

    @Test
    void a_run_not_yet_trained_cannot_classify_and_a_cancel_stops_it() throws Exception {
        LabRun run = lab.train(course, LabPreset.defaults().withRequest(TrainingRequest.defaults().withEpochs(50)),
                alice);
        refused(() -> lab.classify(course, run.id(), lab.testImage(course, 0, alice).image(), alice),
                "lab.error.notTrained");
        lab.cancel(course, run.id(), ta);
        assertThat(await(run.id(), alice).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void a_sweep_gives_students_different_values_and_the_service_not_the_form_decides() {
        LabPreset sweep = LabPreset.fromQuery(Map.of("sweep", List.of("lr:0.001,0.1"), "lr", List.of("5")));

        double a = lab.requestFor(course, sweep, alice).learningRate();
        double b = lab.requestFor(course, sweep, bob).learningRate();

        assertThat(List.of(a, b)).containsExactly(0.001, 0.1);
        assertThat(lab.requestFor(course, sweep, ta).learningRate()).isEqualTo(0.001);
        assertThat(lab.train(course, sweep, bob).request().learningRate()).isEqualTo(0.1);
    }

    @Test
    void pictures_that_are_not_images_too_large_or_claiming_huge_sizes_are_refused_before_decoding() {
        refused(() -> lab.readImage(course, new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)),
                alice), "lab.error.notAnImage");
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }
        };
        refused(() -> lab.readImage(course, endless, alice), "lab.error.imageTooLarge");
        refused(() -> lab.readImage(course, new ByteArrayInputStream(pngHeader(50_000, 50_000)), alice),
                "lab.error.imageTooLarge");
        refused(() -> lab.testImage(course, 10_000, alice), "lab.error.imageIndex");
    }

    @Test
    void too_many_runs_at_once_are_refused_and_nothing_is_queued() {
        LabPreset slow = LabPreset.defaults().withRequest(TrainingRequest.defaults().withEpochs(50));
        workers.stop();
        for (int i = 0; i < 3; i++) {
            lab.train(course, slow, alice);
        }
        refused(() -> lab.train(course, slow, alice), "ml.error.tooManyJobs");
        assertThat(lab.myRuns(course, alice)).hasSize(3);
        refused(() -> lab.train(course, LabPreset.defaults().withRequest(TrainingRequest.defaults().withEpochs(51)),
                bob), "ml.error.tooManyEpochs");
    }

    @Test
    void a_homework_version_carries_a_finished_run_as_the_server_recorded_it() throws Exception {
        LabRun run = trained(alice);
        long homework = assignments.create(course, new AssignmentDraft(AssignmentKind.HOMEWORK, "Train it", "", 10,
                Instant.parse("2099-12-31T14:59:00Z"), Optional.empty(), 0, 7, Rubric.NONE, true, 0), ta);
        assertThat(submissions.attachableRuns(course, alice)).extracting(LabRun::id).containsExactly(run.id());
        assertThat(submissions.attachableRuns(course, bob)).isEmpty();

        Receipt receipt = submissions.submit(course, homework, new HandIn("https://github.com/alice/softmax",
                List.of(), Optional.of(run.id())), alice);

        LabRunRecord recorded = receipt.labRun().orElseThrow();
        assertThat(recorded.runId()).isEqualTo(run.id());
        assertThat(recorded.learningRate()).isEqualTo(run.request().learningRate());
        assertThat(recorded.batchSize()).isEqualTo(run.request().batchSize());
        assertThat(recorded.epochs()).isEqualTo(1);
        assertThat(recorded.seed()).isEqualTo(run.request().seed());
        assertThat(recorded.testAccuracy()).isEqualTo(run.accuracy().orElseThrow());
        assertThat(recorded.curve()).hasSize(run.curve().size());
        // read back from what was stored, not from memory
        assertThat(submissions.versions(course, homework, alice).getFirst().labRun()).contains(recorded);
        // someone else's run cannot be attached
        refused(() -> submissions.submit(course, homework, new HandIn("https://github.com/bob/softmax", List.of(),
                Optional.of(run.id())), bob), "lab.error.runNotFound");
    }

    private LabRun trained(SignedInUser who) throws InterruptedException {
        LabRun run = lab.train(course, QUICK, who);
        LabRun done = await(run.id(), who);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        return done;
    }

    private LabRun await(long id, SignedInUser who) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            LabRun run = lab.run(course, id, who);
            if (!run.active() || System.nanoTime() > end) {
                return run;
            }
            Thread.sleep(50);
        }
    }

    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo(key);
    }

    /** A PNG signature and header that claim {@code width}×{@code height} pixels, with no pixel data. */
    static byte[] pngHeader(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt(13).array());
        out.writeBytes(ihdr.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }

    private SignedInUser person(long courseId, CourseRole role) {
        var account = courses.addMember(courseId, new NewMember("u" + unique(), role.name() + " " + unique(), null,
                null, role), SignedInUser.system()).orElseThrow();
        return SignedInUser.of(users.find(account.userId()).orElseThrow());
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
