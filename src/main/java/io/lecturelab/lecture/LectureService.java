package io.lecturelab.lecture;

import io.lecturelab.base.ChunkedStream;
import io.lecturelab.base.FileContent;
import io.lecturelab.base.LectureLabConfig;
import io.lecturelab.base.ReceivedFile;
import io.lecturelab.base.Uploads;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.draft.DraftService;
import io.lecturelab.security.SignedInUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A course's lectures. Members read published lectures and mark them as studied; teaching assistants and
 * instructors (and administrators) also see unpublished ones and write, order, publish and attach files.
 */
@ApplicationScoped
@Transactional
// Reads run in a transaction too, so that each call sees the database as it is now rather than what an earlier
// call of the same request (without a transaction) already loaded.
public class LectureService {

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("pdf", "application/pdf"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("zip", "application/zip"),
            Map.entry("ipynb", "application/x-ipynb+json"), Map.entry("py", "text/x-python"),
            Map.entry("txt", "text/plain"), Map.entry("csv", "text/csv"));

    private final LectureRepository lectures;
    private final AttachmentRepository attachments;
    private final ProgressRepository progress;
    private final CourseService courses;
    private final LectureLabConfig config;
    private final Uploads uploads;
    private final Clock clock;
    private final DraftService drafts;

    LectureService(LectureRepository lectures, AttachmentRepository attachments, ProgressRepository progress,
                   CourseService courses, LectureLabConfig config, Uploads uploads, Clock clock,
                   DraftService drafts) {
        this.lectures = lectures;
        this.attachments = attachments;
        this.progress = progress;
        this.courses = courses;
        this.config = config;
        this.uploads = uploads;
        this.clock = clock;
        this.drafts = drafts;
    }

    // --- reading -------------------------------------------------------------------------------------------------

    public Schedule schedule(long courseId, SignedInUser viewer) {
        boolean staff = requireMember(courseId, viewer);
        ZoneId zone = zone(courseId);
        Set<Long> studied = progress.studiedBy(viewer.id(), courseId);
        List<LectureSummary> list = lectures.ofCourse(courseId).stream()
                .filter(l -> staff || l.published)
                .map(l -> summary(l, zone, studied.contains(l.id)))
                .toList();
        return new Schedule(list, zone, staff);
    }

    public LectureDetails lecture(long courseId, long lectureId, SignedInUser viewer) {
        boolean staff = requireMember(courseId, viewer);
        Lecture lecture = visible(courseId, lectureId, staff);
        boolean studied = progress.findByIdOptional(new LectureProgress.Key(lectureId, viewer.id())).isPresent();
        return new LectureDetails(lecture.id, courseId, lecture.week, Optional.ofNullable(lecture.date),
                lecture.title, lecture.body, lecture.recordingUrl, live(lecture, zone(courseId)), lecture.liveUrl,
                lecture.published, lecture.version, studied, attachments.listOf(lectureId), staff);
    }

    /** Lectures whose title or text contains the query (case-insensitive), published ones only for students. */
    public List<SearchHit> search(long courseId, String query, SignedInUser viewer) {
        boolean staff = requireMember(courseId, viewer);
        String words = query == null ? "" : query.strip();
        if (words.length() < 2) {
            return List.of();
        }
        String lower = words.toLowerCase(Locale.ROOT);
        String pattern = "%" + lower.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return lectures.search(courseId, pattern).stream()
                .filter(l -> staff || l.published)
                .map(l -> new SearchHit(l.id, l.week, l.title, excerpt(l.body, lower)))
                .toList();
    }

    private static String excerpt(String body, String lower) {
        int at = body.toLowerCase(Locale.ROOT).indexOf(lower);
        if (at < 0) {
            return body.substring(0, Math.min(body.length(), 120)).strip();
        }
        int from = Math.max(0, at - 60);
        int to = Math.min(body.length(), at + lower.length() + 60);
        return (from > 0 ? "…" : "") + body.substring(from, to).replaceAll("\\s+", " ").strip()
                + (to < body.length() ? "…" : "");
    }

    public AttachmentFile attachment(long courseId, long attachmentId, SignedInUser viewer) {
        boolean staff = requireMember(courseId, viewer);
        LectureAttachment file = attachments.findByIdOptional(attachmentId)
                .orElseThrow(() -> new UserFacingException("lecture.error.notFound"));
        visible(courseId, file.lectureId, staff);
        return new AttachmentFile(file.fileName, file.contentType, file.sizeBytes,
                new ChunkedStream(seq -> attachments.readChunk(file.id, seq), file.sizeBytes,
                        "Attachment " + file.id));
    }

    // --- studying ------------------------------------------------------------------------------------------------

    public void markStudied(long courseId, long lectureId, boolean studied, SignedInUser viewer) {
        boolean staff = requireMember(courseId, viewer);
        visible(courseId, lectureId, staff);
        Optional<LectureProgress> existing = progress.findByIdOptional(new LectureProgress.Key(lectureId, viewer.id()));
        if (studied && existing.isEmpty()) {
            LectureProgress mark = new LectureProgress();
            mark.lectureId = lectureId;
            mark.userId = viewer.id();
            mark.studiedAt = clock.instant();
            progress.persist(mark);
        } else if (!studied) {
            existing.ifPresent(progress::delete);
        }
    }

    /** Staff: every student of the course and the published lectures each has studied. */
    public StudyReport studyReport(long courseId, SignedInUser viewer) {
        requireStaff(courseId, viewer);
        Schedule schedule = schedule(courseId, viewer);
        Map<Long, Set<Long>> byUser = new HashMap<>();
        progress.ofCourse(courseId).forEach(p -> byUser.computeIfAbsent(p.userId, k -> new HashSet<>())
                .add(p.lectureId));
        List<StudyReport.Row> rows = courses.members(courseId, viewer).stream()
                .filter(m -> m.role() == CourseRole.STUDENT)
                .map(m -> new StudyReport.Row(m.userId(), m.displayName(), m.username(),
                        Set.copyOf(byUser.getOrDefault(m.userId(), Set.of()))))
                .toList();
        return new StudyReport(schedule.lectures(), rows);
    }

    // --- writing -------------------------------------------------------------------------------------------------

    public long create(long courseId, LectureDraft draft, SignedInUser editor) {
        requireStaff(courseId, editor);
        Lecture lecture = new Lecture();
        lecture.courseId = courseId;
        lecture.position = lectures.nextPosition(courseId);
        lecture.createdAt = clock.instant();
        apply(lecture, draft, zone(courseId));
        lectures.persist(lecture);
        return lecture.id;
    }

    /**
     * Saves an edit; refused when someone else saved since {@code draft.version()} was read. The editor's kept draft
     * of the lecture goes with the save (and stays when the save is refused).
     */
    public LectureDetails update(long courseId, long lectureId, LectureDraft draft, SignedInUser editor) {
        requireStaff(courseId, editor);
        Lecture lecture = visible(courseId, lectureId, true);
        if (lecture.version != draft.version()) {
            throw new UserFacingException("lecture.error.concurrentEdit");
        }
        apply(lecture, draft, zone(courseId));
        flush();
        drafts.discard(LectureDrafts.of(courseId, lectureId), editor);
        return lecture(courseId, lectureId, editor);
    }

    public void setPublished(long courseId, long lectureId, boolean published, SignedInUser editor) {
        requireStaff(courseId, editor);
        Lecture lecture = visible(courseId, lectureId, true);
        lecture.publish(published, clock.instant());
    }

    /** Moves a lecture one place earlier ({@code -1}) or later ({@code +1}) in the schedule. */
    public void move(long courseId, long lectureId, int direction, SignedInUser editor) {
        requireStaff(courseId, editor);
        List<Lecture> all = lectures.ofCourse(courseId);
        int index = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id == lectureId) {
                index = i;
            }
        }
        if (index < 0) {
            throw new UserFacingException("lecture.error.notFound");
        }
        int other = index + Integer.signum(direction);
        if (direction == 0 || other < 0 || other >= all.size()) {
            return;
        }
        Lecture a = all.get(index);
        Lecture b = all.get(other);
        int position = a.position;
        a.moveTo(b.position);
        b.moveTo(position);
    }

    public void delete(long courseId, long lectureId, SignedInUser editor) {
        requireStaff(courseId, editor);
        lectures.delete(visible(courseId, lectureId, true));
    }

    /**
     * Attaches a file streamed from {@code content}. The name's extension must be allowed, the bytes at most the limit
     * (refused as soon as one more arrives) and of the type the extension names (checked by content). The bytes go to
     * a temporary file first and are stored only when every check passed; a refused or broken upload leaves neither
     * a row nor a file behind. The upload streams outside any transaction, so a slow one holds no connection.
     *
     * @throws IOException when reading {@code content} fails (e.g. the browser stopped sending)
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Attachment attach(long courseId, long lectureId, String fileName, InputStream content,
                             SignedInUser editor) throws IOException {
        String name = ReceivedFile.safeName(fileName);
        String extension = ReceivedFile.extension(name);
        QuarkusTransaction.requiringNew().run(() -> {
            requireStaff(courseId, editor);
            visible(courseId, lectureId, true);
        });
        if (name.isEmpty() || name.length() > 255 || !config.lectures().attachmentTypes().contains(extension)
                || !CONTENT_TYPES.containsKey(extension)) {
            throw new UserFacingException("lecture.error.fileType", String.join(", ",
                    config.lectures().attachmentTypes()));
        }
        int max = config.lectures().maxAttachmentBytes();
        try (ReceivedFile file = uploads.receive(name, content, max, () -> tooLarge(max))) {
            FileContent.check(extension, file.path());
            return QuarkusTransaction.requiringNew().call(() -> store(courseId, lectureId, file,
                    CONTENT_TYPES.get(extension), editor));
        }
    }

    private Attachment store(long courseId, long lectureId, ReceivedFile received, String contentType,
                             SignedInUser editor) {
        requireStaff(courseId, editor);
        visible(courseId, lectureId, true);
        LectureAttachment file = new LectureAttachment();
        file.lectureId = lectureId;
        file.fileName = received.name();
        file.contentType = contentType;
        file.sizeBytes = received.size();
        file.sha256 = received.sha256();
        file.uploadedAt = clock.instant();
        file.uploadedBy = editor.id();
        attachments.persist(file);
        received.writeChunks(AttachmentRepository.CHUNK_BYTES, (seq, data) -> attachments.writeChunk(file.id, seq,
                data));
        return new Attachment(file.id, file.fileName, file.contentType, file.sizeBytes, file.sha256);
    }

    private static UserFacingException tooLarge(int max) {
        return new UserFacingException("lecture.error.fileSize", max / (1024 * 1024));
    }

    public void removeAttachment(long courseId, long attachmentId, SignedInUser editor) {
        requireStaff(courseId, editor);
        LectureAttachment file = attachments.findByIdOptional(attachmentId)
                .orElseThrow(() -> new UserFacingException("lecture.error.notFound"));
        visible(courseId, file.lectureId, true);
        attachments.delete(file);
    }

    /** Refuses a user who may not edit the lecture, or a lecture that is not in the course (drafts ask this). */
    void requireEditor(long courseId, long lectureId, SignedInUser editor) {
        requireStaff(courseId, editor);
        visible(courseId, lectureId, true);
    }

    /** Whether the course has any lecture at all (published or not). */
    boolean hasLectures(long courseId) {
        return lectures.count("courseId", courseId) > 0;
    }

    /** Adds a published lecture without an editor (the sample course at first start). */
    long createPublished(long courseId, LectureDraft draft) {
        Lecture lecture = new Lecture();
        lecture.courseId = courseId;
        lecture.position = lectures.nextPosition(courseId);
        lecture.createdAt = clock.instant();
        lecture.publish(true, clock.instant());
        apply(lecture, draft, zone(courseId));
        lectures.persist(lecture);
        return lecture.id;
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private void apply(Lecture lecture, LectureDraft draft, ZoneId zone) {
        lecture.apply(draft, zone, clock.instant());
    }

    private void flush() {
        try {
            lectures.flush();
        } catch (OptimisticLockException e) {
            throw new UserFacingException("lecture.error.concurrentEdit");
        }
    }

    /** @return whether the viewer is course staff (or an administrator); refuses non-members */
    private boolean requireMember(long courseId, SignedInUser viewer) {
        return courses.access(courseId, viewer).staff();
    }

    private void requireStaff(long courseId, SignedInUser viewer) {
        if (!requireMember(courseId, viewer)) {
            throw new UserFacingException("lecture.error.staffOnly");
        }
    }

    private Lecture visible(long courseId, long lectureId, boolean staff) {
        return lectures.findByIdOptional(lectureId)
                .filter(l -> l.courseId == courseId && (staff || l.published))
                .orElseThrow(() -> new UserFacingException("lecture.error.notFound"));
    }

    private ZoneId zone(long courseId) {
        return ZoneId.of(courses.timeZone(courseId));
    }

    private static Optional<ZonedDateTime> live(Lecture lecture, ZoneId zone) {
        return Optional.ofNullable(lecture.liveStartsAt).map(at -> at.atZone(zone));
    }

    private static LectureSummary summary(Lecture l, ZoneId zone, boolean studied) {
        return new LectureSummary(l.id, l.position, l.week, Optional.ofNullable(l.date), l.title, l.published,
                l.recordingUrl, live(l, zone), l.liveUrl, studied);
    }
}
