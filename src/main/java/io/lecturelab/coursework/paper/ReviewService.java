package io.lecturelab.coursework.paper;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.i18n.Translations;
import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.coursework.AssignmentDetails;
import io.lecturelab.coursework.AssignmentKind;
import io.lecturelab.coursework.AssignmentService;
import io.lecturelab.coursework.Receipt;
import io.lecturelab.coursework.SubmissionService;
import io.lecturelab.coursework.paper.ReviewDraftRepository.StoredDraft;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Review drafts and their submission. A student writes the review of the paper published for them, section by
 * section; the draft is saved as they type, each save naming the version it replaces, so a stale tab is refused
 * ({@code review.error.stale}) instead of overwriting newer text. Minimum lengths are checked at submission only.
 * Drafts are the student's own: staff see the form, and the submitted versions on the assignment's submissions.
 */
@ApplicationScoped
@Transactional
public class ReviewService {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SCORE = "score";

    private final PaperService paperService;
    private final ReviewDraftRepository drafts;
    private final CourseService courses;
    private final AssignmentService assignments;
    private final SubmissionService submissions;
    private final Clock clock;

    ReviewService(PaperService paperService, ReviewDraftRepository drafts, CourseService courses,
                  AssignmentService assignments, SubmissionService submissions, Clock clock) {
        this.paperService = paperService;
        this.drafts = drafts;
        this.courses = courses;
        this.assignments = assignments;
        this.submissions = submissions;
        this.clock = clock;
    }

    /** The review page of a paper-review assignment, for members who may see that assignment. */
    public ReviewForm review(long courseId, long assignmentId, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        AssignmentDetails assignment = assignment(courseId, assignmentId, viewer);
        if (!isStudent(access)) {
            return new ReviewForm(assignmentId, assignment.title(), assignment.deadline(), assignment.courseZone(),
                    Optional.empty(), false, access.staff(), ReviewText.empty(), 0, Optional.empty());
        }
        Optional<PaperSummary> paper = paperService.publishedPaperOf(courseId, viewer.id());
        Optional<StoredDraft> draft = drafts.find(assignmentId, viewer.id());
        return new ReviewForm(assignmentId, assignment.title(), assignment.deadline(), assignment.courseZone(),
                paper, paper.isPresent(), false, draft.map(d -> parse(d.json())).orElseGet(ReviewText::empty),
                draft.map(StoredDraft::version).orElse(0), draft.map(StoredDraft::savedAt));
    }

    /**
     * Saves the student's draft over version {@code expectedVersion} (0 for the first save). Lengths are not checked
     * against the minimums here, only against the maximum.
     */
    public SavedDraft saveDraft(long courseId, long assignmentId, ReviewText text, int expectedVersion,
                                SignedInUser student) {
        writer(courseId, assignmentId, student);
        for (ReviewSection section : ReviewSection.values()) {
            if (ReviewSection.length(text.text(section)) > ReviewSection.MAX_LENGTH) {
                throw new UserFacingException("review.error.tooLong", ReviewSection.MAX_LENGTH);
            }
        }
        if (text.score().isPresent() && (text.score().getAsInt() < ReviewText.MIN_SCORE
                || text.score().getAsInt() > ReviewText.MAX_SCORE)) {
            throw new UserFacingException("review.error.score");
        }
        Instant now = clock.instant();
        int version = drafts.save(assignmentId, student.id(), json(text), now, expectedVersion)
                .orElseThrow(() -> new UserFacingException("review.error.stale"));
        return new SavedDraft(version, now);
    }

    /**
     * Submits the stored draft of version {@code version} as a new numbered version of the assignment (deadline,
     * cut-off and extensions apply there). Refused when the draft changed since (another tab), a section is shorter
     * than its minimum or no recommendation was chosen; the draft stays as it is either way.
     *
     * @param language the language of the review's section headings
     */
    public Receipt submit(long courseId, long assignmentId, int version, Locale language, SignedInUser student) {
        String body = submittable(courseId, assignmentId, version, language, student);
        return submissions.submitText(courseId, assignmentId, body, student);
    }

    /** The student's submitted versions of the review, newest first (none for staff, who grade them elsewhere). */
    public List<Receipt> versions(long courseId, long assignmentId, SignedInUser viewer) {
        assignment(courseId, assignmentId, viewer);
        return submissions.versions(courseId, assignmentId, viewer);
    }

    /**
     * The review to submit: the stored draft of version {@code version}, every section at least its minimum length
     * and a score chosen, as Markdown with section headings in {@code language} and the paper's citation.
     */
    String submittable(long courseId, long assignmentId, int version, Locale language, SignedInUser student) {
        PaperSummary paper = writer(courseId, assignmentId, student);
        StoredDraft draft = drafts.find(assignmentId, student.id())
                .filter(d -> d.version() == version)
                .orElseThrow(() -> new UserFacingException("review.error.stale"));
        ReviewText text = parse(draft.json());
        for (ReviewSection section : ReviewSection.values()) {
            int length = ReviewSection.length(text.text(section));
            if (length < section.minLength()) {
                throw new UserFacingException("review.error.short." + section.key(), length, section.minLength());
            }
        }
        if (text.score().isEmpty()) {
            throw new UserFacingException("review.error.noScore");
        }
        Translations translations = new Translations();
        return ReviewMarkdown.of(paper, text, (key, args) -> translations.getTranslation(key, language, args));
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** The paper the student reviews in this assignment; refused to anyone else. */
    private PaperSummary writer(long courseId, long assignmentId, SignedInUser student) {
        CourseAccess access = courses.access(courseId, student);
        assignment(courseId, assignmentId, student);
        if (!isStudent(access)) {
            throw new UserFacingException("review.error.studentsOnly");
        }
        return paperService.publishedPaperOf(courseId, student.id())
                .orElseThrow(() -> new UserFacingException("review.error.noPaper"));
    }

    /** The paper-review assignment, as the coursework core shows it to the viewer (published ones to students). */
    private AssignmentDetails assignment(long courseId, long assignmentId, SignedInUser viewer) {
        AssignmentDetails assignment;
        try {
            assignment = assignments.assignment(courseId, assignmentId, viewer);
        } catch (UserFacingException refusal) {
            if ("assignment.error.notFound".equals(refusal.messageKey())) {
                throw new UserFacingException("review.error.notFound");
            }
            throw refusal;
        }
        if (assignment.kind() != AssignmentKind.PAPER_REVIEW) {
            throw new UserFacingException("review.error.notFound");
        }
        return assignment;
    }

    private static boolean isStudent(CourseAccess access) {
        return access.role().filter(r -> r == CourseRole.STUDENT).isPresent();
    }

    static String json(ReviewText text) {
        ObjectNode node = JSON.createObjectNode();
        for (ReviewSection section : ReviewSection.values()) {
            node.put(section.key(), text.text(section));
        }
        text.score().ifPresent(score -> node.put(SCORE, score));
        return JSON.writeValueAsString(node);
    }

    static ReviewText parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            Map<ReviewSection, String> sections = new EnumMap<>(ReviewSection.class);
            for (ReviewSection section : ReviewSection.values()) {
                JsonNode value = node.get(section.key());
                sections.put(section, value == null || !value.isString() ? "" : value.asString());
            }
            JsonNode score = node.get(SCORE);
            return new ReviewText(sections, score != null && score.isInt() ? OptionalInt.of(score.asInt())
                    : OptionalInt.empty());
        } catch (JacksonException e) {
            return ReviewText.empty();
        }
    }
}
