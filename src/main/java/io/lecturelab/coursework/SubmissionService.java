package io.lecturelab.coursework;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturelab.base.AfterCommit;
import io.lecturelab.base.ChunkedStream;
import io.lecturelab.base.FileContent;
import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.base.ReceivedFile;
import io.lecturelab.base.Uploads;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseService;
import io.lecturelab.lab.LabRun;
import io.lecturelab.lab.LabService;
import io.lecturelab.security.SignedInUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Handing work in. Every hand-in becomes a new numbered version; nothing is ever overwritten or deleted by a later
 * one. Files stream to temporary files first (checked for size and, by content, for type) and are stored with the
 * version's row in one transaction, so a refused, cut-off or interrupted upload — or a server killed on the way —
 * leaves no partial version. Students see only their own (or their team's) work.
 */
@ApplicationScoped
@Transactional
public class SubmissionService {

    /** File types a student may hand in, with the content type they are served as. */
    static final Map<String, String> FILE_TYPES = Map.of("ipynb", "application/x-ipynb+json",
            "py", "text/x-python", "pdf", "application/pdf", "zip", "application/zip");
    /** Hosts a homework link may point to: Google Colab, GitHub and GitHub gists. */
    static final Set<String> LINK_HOSTS = Set.of("colab.research.google.com", "github.com", "gist.github.com");
    static final int MAX_FILES_PER_VERSION = 5;
    static final int MAX_BODY_CHARS = 100_000;

    private final AssignmentService assignmentService;
    private final SubmissionRepository submissions;
    private final StagedFiles staged;
    private final Teams teams;
    private final CourseService courses;
    private final LabService labs;
    private final LectureLabConfig config;
    private final Uploads uploads;
    private final ObjectMapper json;
    private final AfterCommit afterCommit;
    private final Clock clock;

    SubmissionService(AssignmentService assignmentService, SubmissionRepository submissions, StagedFiles staged,
                      Teams teams, CourseService courses, LabService labs, LectureLabConfig config,
                      Uploads uploads, ObjectMapper json, AfterCommit afterCommit, Clock clock) {
        this.assignmentService = assignmentService;
        this.submissions = submissions;
        this.staged = staged;
        this.teams = teams;
        this.courses = courses;
        this.labs = labs;
        this.config = config;
        this.uploads = uploads;
        this.json = json;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    /** The largest file a student may hand in, in bytes (stated on the page and enforced here). */
    public int maxFileBytes() {
        return config.coursework().maxFileBytes();
    }

    public static Set<String> fileTypes() {
        return FILE_TYPES.keySet();
    }

    // --- handing in ----------------------------------------------------------------------------------------------

    /**
     * Receives one file for the student's next homework version: streamed to a temporary file, refused as soon as it
     * passes the limit, checked by content, then kept until {@link #submit}. Runs outside any transaction, so a slow
     * upload holds no connection.
     *
     * @throws IOException when reading {@code content} fails (e.g. the browser stopped sending)
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public StagedFile stage(long courseId, long assignmentId, String fileName, InputStream content, SignedInUser user)
            throws IOException {
        QuarkusTransaction.requiringNew().run(() -> open(courseId, assignmentId, user, AssignmentKind.HOMEWORK));
        String name = ReceivedFile.safeName(fileName);
        String extension = ReceivedFile.extension(name);
        if (name.isEmpty() || name.length() > 255 || !FILE_TYPES.containsKey(extension)) {
            throw new UserFacingException("submission.error.fileType", String.join(", ", fileTypes().stream()
                    .sorted().map(t -> "." + t).toList()));
        }
        int max = maxFileBytes();
        ReceivedFile file = uploads.receive(name, content, max,
                () -> new UserFacingException("submission.error.fileSize", max / (1024 * 1024)));
        try {
            FileContent.check(extension, file.path());
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        return staged.add(file, FILE_TYPES.get(extension), user.id(), assignmentId);
    }

    /** Drops a staged file the student no longer wants in their next version. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void unstage(String token, SignedInUser user) {
        staged.remove(token, user.id());
    }

    /** Hands in a homework version: a link and/or staged files, optionally one of the student's trained lab runs. */
    public Receipt submit(long courseId, long assignmentId, HandIn handIn, SignedInUser user) {
        Opened opened = open(courseId, assignmentId, user, AssignmentKind.HOMEWORK);
        if (handIn.link().isEmpty() && handIn.files().isEmpty()) {
            throw new UserFacingException("submission.error.empty");
        }
        if (!handIn.link().isEmpty()) {
            checkLink(handIn.link());
        }
        if (handIn.files().size() > MAX_FILES_PER_VERSION) {
            throw new UserFacingException("submission.error.tooManyFiles", MAX_FILES_PER_VERSION);
        }
        List<StagedFiles.Staged> files = staged.take(handIn.files(), user.id(), assignmentId);
        // one name per file in a version: the zip of all submissions writes them side by side in one folder
        Set<String> names = new HashSet<>();
        for (StagedFiles.Staged file : files) {
            if (!names.add(file.file().name().toLowerCase(Locale.ROOT))) {
                throw new UserFacingException("submission.error.duplicateName", file.file().name());
            }
        }
        Optional<LabRunRecord> run = handIn.labRunId().map(id -> labRun(courseId, id, user));
        Submission version = store(opened, user, handIn.link(), "", run);
        for (StagedFiles.Staged file : files) {
            SubmissionFile stored = SubmissionFile.of(version.id, file.file().name(), file.contentType(),
                    file.file().size(), file.file().sha256());
            submissions.persist(stored);
            file.file().writeChunks(SubmissionRepository.CHUNK_BYTES,
                    (seq, data) -> submissions.writeChunk(stored.id, seq, data));
        }
        // the temporary files go once the version is committed; after a rollback they wait for another try
        afterCommit.run(() -> staged.removeAll(handIn.files(), user.id()));
        return receipt(version, opened.assignment());
    }

    /**
     * Hands in written work — a paper review or a team's proposal, as Markdown — as a new version. For team work the
     * version belongs to the user's team; a student without a team is refused.
     */
    public Receipt submitText(long courseId, long assignmentId, String body, SignedInUser user) {
        Assignment a = assignmentService.visible(courseId, assignmentId, courses.access(courseId, user).staff());
        if (a.kind == AssignmentKind.HOMEWORK) {
            throw new UserFacingException("submission.error.wrongKind");
        }
        Opened opened = open(courseId, assignmentId, user, a.kind);
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw new UserFacingException("submission.error.empty");
        }
        if (text.length() > MAX_BODY_CHARS) {
            throw new UserFacingException("submission.error.bodyLength", MAX_BODY_CHARS);
        }
        Submission version = store(opened, user, "", text, Optional.empty());
        return receipt(version, a);
    }

    // --- reading -------------------------------------------------------------------------------------------------

    /** The viewer's own (or their team's) versions of an assignment, newest first. */
    public List<Receipt> versions(long courseId, long assignmentId, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        Assignment a = assignmentService.visible(courseId, assignmentId, access.staff());
        Optional<Owner> owner = AssignmentService.ownerOf(a, viewer.id(), teams.teamOf(courseId, viewer.id()));
        return owner.map(o -> versionsOf(courseId, a, o)).orElse(List.of());
    }

    /** One owner's versions, newest first; callers decide who may see them. */
    List<Receipt> versionsOf(long courseId, Assignment a, Owner owner) {
        List<Receipt> list = new ArrayList<>(submissions.versions(a.id, owner).stream()
                .map(s -> receipt(s, a)).toList());
        Collections.reverse(list);
        return list;
    }

    /** A handed-in file, for its owner (or a teammate) and the course's staff; streamed from the database. */
    public SubmittedFile file(long courseId, long fileId, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        SubmissionFile file = submissions.file(fileId)
                .orElseThrow(() -> new UserFacingException("submission.error.notFound"));
        Submission version = submissions.findByIdOptional(file.submissionId).orElseThrow();
        Assignment a = assignmentService.visible(courseId, version.assignmentId, access.staff());
        if (!access.staff() && !mine(courseId, version.owner(), viewer)) {
            throw new UserFacingException("submission.error.notFound");
        }
        return new SubmittedFile(file.fileName, file.contentType, file.sizeBytes, file.sha256,
                new ChunkedStream(seq -> submissions.readChunk(file.id, seq), file.sizeBytes,
                        "Submitted file " + file.id), a.id);
    }

    /** The student's trained lab runs in this course, which a homework version can carry. */
    public List<LabRun> attachableRuns(long courseId, SignedInUser user) {
        return labs.myRuns(courseId, user).stream().filter(LabRun::trained).toList();
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** An assignment open for this user's hand-in now, and whose work it is. */
    private record Opened(Assignment assignment, Owner owner, Deadline deadline, Instant now) {
    }

    private Opened open(long courseId, long assignmentId, SignedInUser user, AssignmentKind kind) {
        CourseAccess access = courses.access(courseId, user);
        Assignment a = assignmentService.visible(courseId, assignmentId, access.staff());
        if (access.staff() || access.role().isEmpty()) {
            throw new UserFacingException("submission.error.studentsOnly");
        }
        if (a.kind != kind) {
            throw new UserFacingException("submission.error.wrongKind");
        }
        Owner owner = AssignmentService.ownerOf(a, user.id(), teams.teamOf(courseId, user.id()))
                .orElseThrow(() -> new UserFacingException("submission.error.noTeam"));
        Deadline deadline = assignmentService.deadline(a, owner);
        Instant now = clock.instant();
        if (deadline.isClosed(now)) {
            throw new UserFacingException("submission.error.closed");
        }
        return new Opened(a, owner, deadline, now);
    }

    private Submission store(Opened opened, SignedInUser user, String link, String body, Optional<LabRunRecord> run) {
        int number = submissions.lockAndNextVersion(opened.assignment().id, opened.owner());
        // the deadline is checked again under the lock, at the instant the version is recorded
        Instant at = clock.instant();
        Deadline deadline = assignmentService.deadline(opened.assignment(), opened.owner());
        if (deadline.isClosed(at)) {
            throw new UserFacingException("submission.error.closed");
        }
        Submission version = Submission.of(opened.assignment().id, opened.owner(), number, user.id(), at,
                deadline.isLate(at)).withContent(link, body, run.map(LabRunRecord::runId).orElse(null),
                run.map(this::write).orElse(null));
        submissions.persist(version);
        if (opened.owner().team()) {
            submissions.flush();
            submissions.keepMembers(version.id, opened.owner().id());
        }
        return version;
    }

    Receipt receipt(Submission s, Assignment a) {
        long daysLate = assignmentService.deadline(a, s.owner()).daysLate(s.submittedAt);
        return new Receipt(s.id, s.assignmentId, s.owner(), s.version, s.submittedAt, daysLate > 0, daysLate, s.link,
                s.body, submissions.files(s.id).stream().map(SubmissionFile::receipt).toList(),
                Optional.ofNullable(s.labRun).map(this::read), teams.displayName(s.submittedBy));
    }

    boolean mine(long courseId, Owner owner, SignedInUser viewer) {
        return owner.team() ? teams.teamOf(courseId, viewer.id()).filter(t -> t == owner.id()).isPresent()
                : owner.id() == viewer.id();
    }

    private LabRunRecord labRun(long courseId, long runId, SignedInUser user) {
        LabRun run = labs.run(courseId, runId, user);
        if (run.ownerId() != user.id() || !run.trained()) {
            throw new UserFacingException("submission.error.labRun");
        }
        var r = run.request();
        return new LabRunRecord(run.id(), r.learningRate(), r.batchSize(), r.epochs(), r.l2Strength(), r.seed(),
                r.bias(), r.classes().name(), run.accuracy().orElse(Double.NaN),
                run.curve().stream().map(p -> new LabRunRecord.Point(p.epochsDone(), p.loss(), p.trainAccuracy(),
                        p.testAccuracy())).toList());
    }

    private String write(LabRunRecord run) {
        try {
            return json.writeValueAsString(run);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LabRunRecord read(String text) {
        try {
            return json.readValue(text, LabRunRecord.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses a link that is not an https link to a Colab notebook, a GitHub repository/file or a gist. */
    static void checkLink(String link) {
        try {
            URI uri = new URI(link);
            String path = uri.getPath() == null ? "" : uri.getPath();
            boolean ok = link.length() <= 500 && "https".equals(uri.getScheme()) && uri.getHost() != null
                    && LINK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT)) && uri.getUserInfo() == null
                    && uri.getPort() == -1 && path.length() > 1
                    && (!uri.getHost().equalsIgnoreCase("github.com") || path.matches("/[^/]+/[^/]+.*"));
            if (!ok) {
                throw new UserFacingException("submission.error.link");
            }
        } catch (URISyntaxException e) {
            throw new UserFacingException("submission.error.link");
        }
    }
}
