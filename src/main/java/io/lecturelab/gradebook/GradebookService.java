package io.lecturelab.gradebook;

import io.lecturelab.attendance.AttendanceGrades;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseRole;
import io.lecturelab.course.CourseService;
import io.lecturelab.course.GradingPolicy;
import io.lecturelab.course.Member;
import io.lecturelab.coursework.AssignmentService;
import io.lecturelab.coursework.AssignmentSummary;
import io.lecturelab.coursework.ReleasedGrade;
import io.lecturelab.coursework.ReleasedGrades;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The gradebook of a course. Instructors lay it out (categories that add up to 100 percent, items inside them);
 * staff enter scores, one cell or many at once or from a CSV file, each change kept with who, when, the old and new
 * value and why; a student reads only their own record. Coursework grades are read, not copied: an assignment item
 * shows the assignment's released grade (after any late penalty; a team's grade for each of its members) as it is
 * when the gradebook is read, so a regrade shows at once and nothing can drift apart.
 */
@ApplicationScoped
@Transactional
public class GradebookService {

    static final int MAX_REASON = 500;
    static final int MAX_NAME = 100;
    static final int MAX_TITLE = 200;
    private static final BigDecimal HUNDRED = new BigDecimal("100.00");
    private static final BigDecimal MAX_ITEM_POINTS = new BigDecimal("100000");
    private static final BigDecimal MAX_ITEM_WEIGHT = new BigDecimal("10000");

    private final GradebookRepository repository;
    private final CourseService courses;
    private final AssignmentService assignments;
    private final ReleasedGrades releasedGrades;
    private final AttendanceGrades attendance;
    private final Clock clock;

    GradebookService(GradebookRepository repository, CourseService courses, AssignmentService assignments,
                     ReleasedGrades releasedGrades, AttendanceGrades attendance, Clock clock) {
        this.repository = repository;
        this.courses = courses;
        this.assignments = assignments;
        this.releasedGrades = releasedGrades;
        this.attendance = attendance;
        this.clock = clock;
    }

    // --- layout ------------------------------------------------------------------------------------------------------

    /** The categories and items (staff). */
    public GradebookLayout layout(long courseId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        return layoutFor(courseId, staff);
    }

    /**
     * Replaces the set of categories (instructors), all at once so the weights can be checked as a whole: they must
     * add up to exactly 100 percent (or there are none), and they are never rescaled. A category left out of the set is
     * removed, refused while it still has items. Refused when someone changed the categories since {@code version}.
     */
    public GradebookLayout saveCategories(long courseId, List<CategoryDraft> drafts, int version,
                                          SignedInUser instructor) {
        return saveCategories(courseId, drafts, version, "", instructor);
    }

    /**
     * As {@link #saveCategories(long, List, int, SignedInUser)}, with why: every added, changed and removed category
     * is kept in the layout history with this reason (optional).
     */
    public GradebookLayout saveCategories(long courseId, List<CategoryDraft> drafts, int version, String reason,
                                          SignedInUser instructor) {
        courses.requireInstructor(courseId, instructor);
        String why = reason(reason);
        open(courseId, instructor);
        List<CategoryDraft> wanted = drafts == null ? List.of() : drafts;
        BigDecimal sum = BigDecimal.ZERO;
        Set<String> names = new HashSet<>();
        for (CategoryDraft d : wanted) {
            String name = d.name() == null ? "" : d.name().strip();
            if (name.isEmpty() || name.length() > MAX_NAME) {
                throw new UserFacingException("gradebook.error.categoryName", MAX_NAME);
            }
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new UserFacingException("gradebook.error.categoryNameTwice", name);
            }
            if (d.weight() == null || d.weight().signum() <= 0 || d.weight().compareTo(HUNDRED) > 0
                    || d.weight().stripTrailingZeros().scale() > 2) {
                throw new UserFacingException("gradebook.error.categoryWeight", name);
            }
            sum = sum.add(d.weight());
        }
        if (!wanted.isEmpty() && sum.compareTo(HUNDRED) != 0) {
            throw new UserFacingException("gradebook.error.weightSum", sum.stripTrailingZeros().toPlainString());
        }
        if (!repository.bump(courseId, version)) {
            throw new UserFacingException("gradebook.error.concurrentEdit");
        }
        Map<Long, Category> existing = repository.categories(courseId).stream()
                .collect(Collectors.toMap(c -> c.id, c -> c));
        Set<Long> kept = new HashSet<>();
        for (CategoryDraft d : wanted) {
            if (d.id() != null && (!existing.containsKey(d.id()) || !kept.add(d.id()))) {
                throw new UserFacingException("gradebook.error.categoryNotFound");
            }
        }
        List<Item> items = repository.items(courseId);
        for (Category gone : existing.values()) {
            if (!kept.contains(gone.id)) {
                if (items.stream().anyMatch(i -> i.in(gone.id))) {
                    throw new UserFacingException("gradebook.error.categoryHasItems", gone.name);
                }
                audit(courseId, LayoutChangeEntry.Subject.CATEGORY, gone.id, LayoutChangeEntry.Action.REMOVE,
                        describe(gone.name, gone.weight), "", why, instructor);
                repository.delete(gone);
            }
        }
        Map<Long, String> before = new HashMap<>();
        existing.values().forEach(c -> before.put(c.id, describe(c.name, c.weight)));
        // renamed rows must not meet each other's old names in the unique index half-way: park them first
        for (CategoryDraft d : wanted) {
            if (d.id() != null) {
                Category c = existing.get(d.id());
                c.change("~" + c.id, c.weight, c.position);
            }
        }
        repository.flush();
        int position = 1;
        for (CategoryDraft d : wanted) {
            String name = d.name().strip();
            BigDecimal weight = d.weight().setScale(2, RoundingMode.UNNECESSARY);
            if (d.id() == null) {
                Category added = Category.of(courseId, name, weight, position);
                repository.persist(added);
                repository.flush();
                audit(courseId, LayoutChangeEntry.Subject.CATEGORY, added.id, LayoutChangeEntry.Action.ADD, "",
                        describe(name, weight), why, instructor);
            } else {
                existing.get(d.id()).change(name, weight, position);
                String after = describe(name, weight);
                if (!after.equals(before.get(d.id()))) {
                    audit(courseId, LayoutChangeEntry.Subject.CATEGORY, d.id(), LayoutChangeEntry.Action.CHANGE,
                            before.get(d.id()), after, why, instructor);
                }
            }
            position++;
        }
        repository.flush();
        return layoutFor(courseId, instructor);
    }

    /** Adds an item to a category (instructors); for an assignment, its released grades flow in from then on. */
    public GradebookLayout addItem(long courseId, ItemDraft draft, SignedInUser instructor) {
        courses.requireInstructor(courseId, instructor);
        open(courseId, instructor);
        if (draft.source() == null) {
            throw new UserFacingException("gradebook.error.itemSource");
        }
        Long assignmentId = null;
        String fallbackTitle = "";
        if (draft.source() == ItemSource.ASSIGNMENT) {
            if (draft.assignmentId() == null) {
                throw new UserFacingException("assignment.error.notFound");
            }
            fallbackTitle = assignments.assignment(courseId, draft.assignmentId(), instructor).title();
            assignmentId = draft.assignmentId();
            long taken = assignmentId;
            if (repository.items(courseId).stream().anyMatch(i -> i.assignmentId != null && i.assignmentId == taken)) {
                throw new UserFacingException("gradebook.error.assignmentTwice", fallbackTitle);
            }
        }
        Item item = Item.of(courseId, draft.source(), assignmentId, repository.nextItemPosition(courseId));
        apply(courseId, item, draft, fallbackTitle);
        saveItem(item);
        audit(courseId, LayoutChangeEntry.Subject.ITEM, item.id, LayoutChangeEntry.Action.ADD, "",
                describe(courseId, item), "", instructor);
        return layoutFor(courseId, instructor);
    }

    /**
     * Adds every assignment of the course that is not in the gradebook yet to one category (instructors), each with
     * weight 1: how the homework share is filled in one step. Returns how many were added.
     */
    public int addAllAssignments(long courseId, long categoryId, SignedInUser instructor) {
        courses.requireInstructor(courseId, instructor);
        open(courseId, instructor);
        category(courseId, categoryId);
        Set<Long> placed = repository.items(courseId).stream().map(i -> i.assignmentId).filter(a -> a != null)
                .collect(Collectors.toSet());
        int added = 0;
        for (AssignmentSummary a : assignments.list(courseId, instructor)) {
            if (!placed.contains(a.id())) {
                Item item = Item.of(courseId, ItemSource.ASSIGNMENT, a.id(), repository.nextItemPosition(courseId));
                apply(courseId, item, new ItemDraft(categoryId, a.title(), ItemSource.ASSIGNMENT, a.id(), null,
                        BigDecimal.ONE, 0), a.title());
                saveItem(item);
                audit(courseId, LayoutChangeEntry.Subject.ITEM, item.id, LayoutChangeEntry.Action.ADD, "",
                        describe(courseId, item), "", instructor);
                added++;
            }
        }
        return added;
    }

    /** Changes an item's title, category, maximum or weight (instructors); refused when stale. */
    public GradebookLayout updateItem(long courseId, long itemId, ItemDraft draft, SignedInUser instructor) {
        return updateItem(courseId, itemId, draft, "", instructor);
    }

    /** As {@link #updateItem(long, long, ItemDraft, SignedInUser)}, with why (kept in the layout history). */
    public GradebookLayout updateItem(long courseId, long itemId, ItemDraft draft, String reason,
                                      SignedInUser instructor) {
        courses.requireInstructor(courseId, instructor);
        String why = reason(reason);
        Item item = item(courseId, itemId);
        if (item.version != draft.version()) {
            throw new UserFacingException("gradebook.error.concurrentEdit");
        }
        String before = describe(courseId, item);
        apply(courseId, item, draft, item.title);
        saveItem(item);
        String after = describe(courseId, item);
        if (!after.equals(before)) {
            audit(courseId, LayoutChangeEntry.Subject.ITEM, item.id, LayoutChangeEntry.Action.CHANGE, before, after,
                    why, instructor);
        }
        return layoutFor(courseId, instructor);
    }

    public GradebookLayout deleteItem(long courseId, long itemId, SignedInUser instructor) {
        return deleteItem(courseId, itemId, "", instructor);
    }

    /**
     * Removes an item (instructors); refused while any student has a mark on it, so no score disappears unseen. The
     * item is only hidden: its cells' history stays readable ({@link #history}, {@link #removedItems}), and the
     * removal is kept in the layout history with {@code reason}. Its title can be used again.
     */
    public GradebookLayout deleteItem(long courseId, long itemId, String reason, SignedInUser instructor) {
        courses.requireInstructor(courseId, instructor);
        String why = reason(reason);
        Item item = item(courseId, itemId);
        if (repository.hasMarks(itemId)) {
            throw new UserFacingException("gradebook.error.itemHasScores", item.title);
        }
        String before = describe(courseId, item);
        item.remove(instructor.id(), clock.instant());
        saveItem(item);
        audit(courseId, LayoutChangeEntry.Subject.ITEM, item.id, LayoutChangeEntry.Action.REMOVE, before, "", why,
                instructor);
        return layoutFor(courseId, instructor);
    }

    /** Items the instructor removed, most recent first, with their ids for {@link #history} (staff). */
    public List<RemovedItem> removedItems(long courseId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        return repository.removedItems(courseId).stream().map(i -> new RemovedItem(i.id, i.title, i.removedAt))
                .toList();
    }

    /** Every change of the categories and items, oldest first (staff). */
    public List<LayoutChangeEntry> layoutHistory(long courseId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        Map<Long, String> names = courses.memberNames(courseId, staff);
        return repository.layoutHistory(courseId).stream().map(c -> new LayoutChangeEntry(c.changedAt,
                c.changedBy == null ? "" : names.getOrDefault(c.changedBy, "#" + c.changedBy), c.subject,
                c.subjectId, c.action, c.oldValue, c.newValue, c.reason)).toList();
    }

    private void audit(long courseId, LayoutChangeEntry.Subject subject, long id, LayoutChangeEntry.Action action,
                       String before, String after, String why, SignedInUser by) {
        repository.persist(LayoutChange.of(courseId, subject, id, action, before, after, why, by.id(),
                clock.instant()));
    }

    private static String reason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.length() > MAX_REASON) {
            throw new UserFacingException("gradebook.error.reasonLength", MAX_REASON);
        }
        return why;
    }

    /** A category as the layout history shows it: "Homework · 30%". */
    private static String describe(String name, BigDecimal weight) {
        return name + " · " + weight.stripTrailingZeros().toPlainString() + "%";
    }

    /** An item as the layout history shows it: "Midterm exam · Midterm · /100 · ×1". */
    private String describe(long courseId, Item item) {
        String category = item.categoryId == null ? "" : repository.categories(courseId).stream()
                .filter(c -> c.id.equals(item.categoryId)).map(c -> c.name).findFirst().orElse("");
        return item.title + " · " + category + " · " + (item.maxPoints == null ? item.source.name()
                : "/" + item.maxPoints.stripTrailingZeros().toPlainString()) + " · ×"
                + item.weight.stripTrailingZeros().toPlainString();
    }

    private void apply(long courseId, Item item, ItemDraft draft, String fallbackTitle) {
        String title = draft.title() == null || draft.title().isBlank() ? fallbackTitle : draft.title().strip();
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            throw new UserFacingException("gradebook.error.itemTitle", MAX_TITLE);
        }
        category(courseId, draft.categoryId());
        BigDecimal max = null;
        if (item.source != ItemSource.ASSIGNMENT) {
            max = draft.maxPoints();
            if (max == null || max.signum() <= 0 || max.compareTo(MAX_ITEM_POINTS) >= 0
                    || max.stripTrailingZeros().scale() > 2) {
                throw new UserFacingException("gradebook.error.itemMax");
            }
            max = max.setScale(2, RoundingMode.UNNECESSARY);
        }
        BigDecimal weight = draft.weight() == null ? BigDecimal.ONE : draft.weight();
        if (weight.signum() < 0 || weight.compareTo(MAX_ITEM_WEIGHT) > 0 || weight.stripTrailingZeros().scale() > 2) {
            throw new UserFacingException("gradebook.error.itemWeight");
        }
        item.change(draft.categoryId(), title, max, weight.setScale(2, RoundingMode.UNNECESSARY));
    }

    /** Stores a new or changed item; a title taken meanwhile, or a stale version, is refused. */
    private void saveItem(Item item) {
        String title = item.title;
        try {
            if (item.id == null) {
                repository.persist(item);
            }
            repository.flush();
        } catch (OptimisticLockException e) {
            throw new UserFacingException("gradebook.error.concurrentEdit");
        } catch (PersistenceException e) {
            if (uniqueViolation(e)) {
                throw new UserFacingException("gradebook.error.itemTitleTaken", title);
            }
            throw e;
        }
    }

    private Category category(long courseId, long categoryId) {
        return repository.categories(courseId).stream().filter(c -> c.id == categoryId).findFirst()
                .orElseThrow(() -> new UserFacingException("gradebook.error.categoryNotFound"));
    }

    private Item itemEvenRemoved(long courseId, long itemId) {
        return repository.itemEvenRemoved(courseId, itemId)
                .orElseThrow(() -> new UserFacingException("gradebook.error.itemNotFound"));
    }

    private Item item(long courseId, long itemId) {
        return repository.item(courseId, itemId)
                .orElseThrow(() -> new UserFacingException("gradebook.error.itemNotFound"));
    }

    /**
     * Makes the course's gradebook on first use. A course whose grading policy was entered starts with its categories
     * (the sample course: Attendance 10, Midterm 30, Final exam 30, Homework 30) and an item each for attendance and
     * the two exams; a course without a policy starts with none. Done once: removing the categories later does not
     * bring them back.
     */
    private void open(long courseId, SignedInUser viewer) {
        if (!repository.open(courseId, clock.instant())) {
            return;
        }
        Optional<GradingPolicy> policy = courses.settings(courseId, viewer).grading();
        if (policy.isEmpty()) {
            return;
        }
        GradingPolicy p = policy.get();
        int position = 1;
        int itemPosition = 1;
        record Seed(String name, int weight, ItemSource source, String item) {
        }
        for (Seed s : List.of(new Seed("Attendance", p.attendance(), ItemSource.ATTENDANCE, "Attendance"),
                new Seed("Midterm", p.midterm(), ItemSource.ENTERED, "Midterm exam"),
                new Seed("Final exam", p.finalExam(), ItemSource.ENTERED, "Final exam"),
                new Seed("Homework", p.homework(), null, null))) {
            if (s.weight() == 0) {
                continue;
            }
            Category c = Category.of(courseId, s.name(), BigDecimal.valueOf(s.weight()).setScale(2), position++);
            repository.persist(c);
            repository.flush();
            if (s.source() != null) {
                Item item = Item.of(courseId, s.source(), null, itemPosition++);
                item.change(c.id, s.item(), HUNDRED, BigDecimal.ONE.setScale(2));
                repository.persist(item);
            }
        }
        repository.flush();
    }

    private GradebookLayout layoutFor(long courseId, SignedInUser viewer) {
        open(courseId, viewer);
        Map<Long, AssignmentSummary> work = assignments.list(courseId, viewer).stream()
                .collect(Collectors.toMap(AssignmentSummary::id, Function.identity()));
        List<Item> items = repository.items(courseId);
        List<GradebookLayout.CategoryView> categories = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Category c : repository.categories(courseId)) {
            List<GradebookLayout.ItemView> inside = items.stream().filter(i -> i.in(c.id))
                    .filter(i -> i.assignmentId == null || work.containsKey(i.assignmentId))
                    .map(i -> new GradebookLayout.ItemView(i.id, c.id, i.title, i.source,
                            Optional.ofNullable(i.assignmentId), i.assignmentId == null ? i.maxPoints
                            : BigDecimal.valueOf(work.get(i.assignmentId).points()).setScale(2), i.weight,
                            i.version)).toList();
            categories.add(new GradebookLayout.CategoryView(c.id, c.name, c.weight, c.position, inside));
            sum = sum.add(c.weight);
        }
        return new GradebookLayout(courseId, repository.version(courseId), List.copyOf(categories), sum);
    }

    // --- reading ------------------------------------------------------------------------------------------------

    /** Every student's cells and standing (staff). */
    public GradebookSheet sheet(long courseId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        GradebookLayout layout = layoutFor(courseId, staff);
        List<Member> students = students(courseId, staff);
        Map<Long, Map<Long, Score>> scores = new HashMap<>();
        for (Score s : repository.scores(courseId)) {
            scores.computeIfAbsent(s.userId, u -> new HashMap<>()).put(s.itemId, s);
        }
        Map<Long, Map<Long, BigDecimal>> released = released(courseId, staff);
        Map<Long, AttendanceGrades.Score> attended = attendance.ofCourse(courseId);
        List<GradebookSheet.Row> rows = new ArrayList<>();
        for (Member m : students) {
            Map<Long, GradebookSheet.Cell> cells = cells(layout, scores.getOrDefault(m.userId(), Map.of()),
                    released.getOrDefault(m.userId(), Map.of()), Optional.ofNullable(attended.get(m.userId())));
            rows.add(new GradebookSheet.Row(m.userId(), number(m), m.displayName(), cells, standing(layout, cells)));
        }
        return new GradebookSheet(layout, List.copyOf(rows));
    }

    /** The signed-in student's own record. */
    public StudentRecord myRecord(long courseId, SignedInUser student) {
        return record(courseId, student.id(), student);
    }

    /**
     * One student's record: staff may read any student's of the course; a student only their own (another's is
     * refused as if it did not exist).
     */
    public StudentRecord record(long courseId, long studentId, SignedInUser viewer) {
        CourseAccess access = courses.access(courseId, viewer);
        if (!access.staff() && (studentId != viewer.id() || access.role().orElse(null) != CourseRole.STUDENT)) {
            throw new UserFacingException("gradebook.error.studentNotFound");
        }
        String name = access.staff() ? student(courseId, studentId, viewer).displayName() : viewer.displayName();
        GradebookLayout layout = layoutFor(courseId, viewer);
        Map<Long, Score> scores = repository.scoresOf(courseId, studentId).stream()
                .collect(Collectors.toMap(s -> s.itemId, s -> s));
        Map<Long, BigDecimal> released = released(courseId, viewer).getOrDefault(studentId, Map.of());
        Map<Long, GradebookSheet.Cell> cells = cells(layout, scores, released,
                Optional.ofNullable(attendance.ofCourse(courseId).get(studentId)));
        Standing standing = standing(layout, cells);
        List<StudentRecord.Part> parts = new ArrayList<>();
        List<String> notGraded = new ArrayList<>();
        for (int k = 0; k < layout.categories().size(); k++) {
            GradebookLayout.CategoryView c = layout.categories().get(k);
            List<StudentRecord.Line> lines = new ArrayList<>();
            for (GradebookLayout.ItemView i : c.items()) {
                Mark mark = cells.get(i.id()).mark();
                lines.add(new StudentRecord.Line(i.id(), i.title(), i.source(), i.maxPoints(), i.weight(), mark));
                if (mark.isEmpty()) {
                    notGraded.add(i.title());
                }
            }
            parts.add(new StudentRecord.Part(c.id(), c.name(), c.weight(), standing.subtotals().get(k).percent(),
                    List.copyOf(lines)));
        }
        return new StudentRecord(studentId, name, List.copyOf(parts), standing, List.copyOf(notGraded));
    }

    /**
     * What the student would need on one item for a total of {@code target} percent, everything else as it is (see
     * {@link WeightedTotal#needed}); the same access as {@link #record}.
     */
    public WeightedTotal.WhatIf whatIf(long courseId, long studentId, long itemId, BigDecimal target,
                                       SignedInUser viewer) {
        if (target == null || target.signum() <= 0 || target.compareTo(HUNDRED) > 0) {
            throw new UserFacingException("gradebook.error.target");
        }
        StudentRecord record = record(courseId, studentId, viewer);
        return WeightedTotal.needed(record.categories().stream().map(p -> new WeightedTotal.Category(p.categoryId(),
                p.weight(), p.items().stream().map(l -> new WeightedTotal.Entry(l.itemId(), l.weight(),
                        l.maxPoints(), l.mark())).toList())).toList(), itemId, target);
    }

    /** Every change of one cell, oldest first (staff). */
    public List<ScoreHistoryEntry> history(long courseId, long itemId, long studentId, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        itemEvenRemoved(courseId, itemId);
        Map<Long, String> names = courses.memberNames(courseId, staff);
        return repository.history(itemId, studentId).stream().map(c -> new ScoreHistoryEntry(c.changedAt,
                c.changedBy == null ? "" : names.getOrDefault(c.changedBy, "#" + c.changedBy),
                new Mark(c.oldPoints, c.oldExcused), new Mark(c.newPoints, c.newExcused), c.reason,
                c.via == ScoreChange.Via.IMPORT)).toList();
    }

    private static Map<Long, GradebookSheet.Cell> cells(GradebookLayout layout, Map<Long, Score> scores,
                                                        Map<Long, BigDecimal> released,
                                                        Optional<AttendanceGrades.Score> attended) {
        Map<Long, GradebookSheet.Cell> cells = new LinkedHashMap<>();
        for (GradebookLayout.CategoryView c : layout.categories()) {
            for (GradebookLayout.ItemView i : c.items()) {
                Optional<Score> stored = Optional.ofNullable(scores.get(i.id()));
                int version = stored.map(Score::formVersion).orElse(0);
                Mark mark = stored.map(Score::mark).orElse(Mark.EMPTY);
                boolean coursework = i.source() == ItemSource.ASSIGNMENT;
                boolean fromAttendance = i.source() == ItemSource.ATTENDANCE;
                if (coursework && !mark.excused()) {
                    mark = Optional.ofNullable(released.get(i.assignmentId().orElseThrow())).map(Mark::of)
                            .orElse(Mark.EMPTY);
                } else if (fromAttendance && !mark.excused()) {
                    mark = attended.flatMap(a -> attendancePoints(a, i.maxPoints())).map(Mark::of).orElse(Mark.EMPTY);
                }
                cells.put(i.id(), new GradebookSheet.Cell(mark, version, coursework, fromAttendance));
            }
        }
        return cells;
    }

    /**
     * The item's points for a student's attendance: its maximum times the share earned (earned ÷ possible), half up
     * to the two decimals a mark keeps; none while no session has counted for the student.
     */
    static Optional<BigDecimal> attendancePoints(AttendanceGrades.Score score, BigDecimal maxPoints) {
        if (score.possible().signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(maxPoints.multiply(score.earned()).divide(score.possible(), 2, RoundingMode.HALF_UP));
    }

    private static Standing standing(GradebookLayout layout, Map<Long, GradebookSheet.Cell> cells) {
        List<WeightedTotal.Category> input = layout.categories().stream().map(c -> new WeightedTotal.Category(c.id(),
                c.weight(), c.items().stream().map(i -> new WeightedTotal.Entry(i.id(), i.weight(), i.maxPoints(),
                        cells.get(i.id()).mark())).toList())).toList();
        WeightedTotal.Result result = WeightedTotal.compute(input);
        List<Standing.Subtotal> subtotals = new ArrayList<>();
        List<String> included = new ArrayList<>();
        List<String> notGraded = new ArrayList<>();
        for (int k = 0; k < layout.categories().size(); k++) {
            GradebookLayout.CategoryView c = layout.categories().get(k);
            WeightedTotal.CategoryResult r = result.categories().get(k);
            subtotals.add(new Standing.Subtotal(c.id(), c.name(), c.weight(), r.percent().map(WeightedTotal::display),
                    r.graded(), r.excused(), r.notGraded()));
            (result.included().contains(c.id()) ? included : notGraded).add(c.name());
        }
        return new Standing(List.copyOf(subtotals), result.total().map(WeightedTotal::display), List.copyOf(included),
                result.includedWeight(), List.copyOf(notGraded));
    }

    /** Released coursework points by student and assignment, as the viewer may see them. */
    private Map<Long, Map<Long, BigDecimal>> released(long courseId, SignedInUser viewer) {
        Map<Long, Map<Long, BigDecimal>> out = new HashMap<>();
        for (ReleasedGrade g : releasedGrades.ofCourse(courseId, viewer)) {
            out.computeIfAbsent(g.userId(), u -> new HashMap<>()).put(g.assignmentId(), g.points());
        }
        return out;
    }

    private List<Member> students(long courseId, SignedInUser staff) {
        return courses.members(courseId, staff).stream().filter(m -> m.role() == CourseRole.STUDENT)
                .sorted(Comparator.comparing(GradebookService::number).thenComparing(Member::displayName)).toList();
    }

    private Member student(long courseId, long userId, SignedInUser staff) {
        return students(courseId, staff).stream().filter(m -> m.userId() == userId).findFirst()
                .orElseThrow(() -> new UserFacingException("gradebook.error.studentNotFound"));
    }

    private static String number(Member m) {
        return m.studentId() == null || m.studentId().isBlank() ? m.username() : m.studentId();
    }

    // --- entering scores -------------------------------------------------------------------------------------------

    /**
     * Records changes of one or many cells (staff), all or nothing: refused when any cell changed since its version
     * was read, when a mark does not fit its item, or when a correction has no reason. A reason is needed whenever a
     * cell that held something changes, and for excusing; filling an empty cell needs none. Cells whose mark is
     * already the one asked for are left alone. Returns how many cells changed.
     */
    public int enterScores(long courseId, List<CellEdit> edits, String reason, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        GradebookLayout layout = layoutFor(courseId, staff);
        Map<Long, Member> students = students(courseId, staff).stream()
                .collect(Collectors.toMap(Member::userId, m -> m));
        Set<String> seen = new HashSet<>();
        List<Planned> planned = new ArrayList<>();
        for (CellEdit e : edits) {
            GradebookLayout.ItemView item = layout.item(e.itemId())
                    .orElseThrow(() -> new UserFacingException("gradebook.error.itemNotFound"));
            Member student = Optional.ofNullable(students.get(e.userId()))
                    .orElseThrow(() -> new UserFacingException("gradebook.error.studentNotFound"));
            if (!seen.add(e.itemId() + "/" + e.userId())) {
                throw new UserFacingException("gradebook.error.duplicateCell", item.title(), student.displayName());
            }
            Optional<String> problem = check(item, e.mark());
            if (problem.isPresent()) {
                throw new UserFacingException(problem.get(), item.maxPoints().stripTrailingZeros().toPlainString());
            }
            Optional<Score> stored = repository.score(e.itemId(), e.userId());
            if (stored.map(Score::formVersion).orElse(0) != e.version()) {
                throw new UserFacingException("gradebook.error.stale", item.title(), student.displayName());
            }
            planned.add(new Planned(e.itemId(), e.userId(), stored, e.mark()));
        }
        return write(planned, reason, ScoreChange.Via.ENTRY, staff);
    }

    private record Planned(long itemId, long userId, Optional<Score> stored, Mark after) {
    }

    private int write(List<Planned> planned, String reason, ScoreChange.Via via, SignedInUser staff) {
        String why = reason == null ? "" : reason.strip();
        if (why.length() > MAX_REASON) {
            throw new UserFacingException("gradebook.error.reasonLength", MAX_REASON);
        }
        Instant now = clock.instant();
        int changed = 0;
        for (Planned p : planned) {
            Mark before = p.stored().map(Score::mark).orElse(Mark.EMPTY);
            if (!before.equals(p.after()) && why.isEmpty() && (!before.isEmpty() || p.after().excused())) {
                throw new UserFacingException("gradebook.error.reasonNeeded");
            }
        }
        try {
            for (Planned p : planned) {
                Mark before = p.stored().map(Score::mark).orElse(Mark.EMPTY);
                if (before.equals(p.after())) {
                    continue;
                }
                Score score = p.stored().orElseGet(() -> Score.of(p.itemId(), p.userId()));
                score.set(p.after(), staff.id(), now);
                if (score.id == null) {
                    repository.persist(score);
                }
                repository.persist(ScoreChange.of(p.itemId(), p.userId(), before, p.after(), why, via, staff.id(),
                        now));
                changed++;
            }
            repository.flush();
        } catch (OptimisticLockException e) {
            throw new UserFacingException("gradebook.error.staleAny");
        } catch (PersistenceException e) {
            // another editor stored the same empty cell at the same moment (one row per item and student)
            if (uniqueViolation(e)) {
                throw new UserFacingException("gradebook.error.staleAny");
            }
            throw e;
        }
        return changed;
    }

    /** Why a mark does not fit an item (a message key with the item's maximum as argument), or empty. */
    private static Optional<String> check(GradebookLayout.ItemView item, Mark mark) {
        if (item.source() == ItemSource.ASSIGNMENT && mark.graded()) {
            return Optional.of("gradebook.error.fromCoursework");
        }
        if (item.source() == ItemSource.ATTENDANCE && mark.graded()) {
            return Optional.of("gradebook.error.fromAttendance");
        }
        if (mark.graded() && (mark.points().signum() < 0 || mark.points().compareTo(item.maxPoints()) > 0)) {
            return Optional.of("gradebook.error.points");
        }
        return Optional.empty();
    }

    // --- CSV import --------------------------------------------------------------------------------------------------

    /** What importing a score file would change (staff); changes nothing. */
    public ImportPreview previewImport(long courseId, byte[] csv, SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        return plan(courseId, ScoreFile.parse(csv), staff);
    }

    /**
     * Applies a score file (staff), all or nothing: nothing changes when any line is refused, or when the gradebook
     * changed since {@code seen} was previewed so the file would now do something else ({@code seen} may be null to
     * apply without a preview). One reason covers every change of the file.
     */
    public ImportResult applyImport(long courseId, byte[] csv, ImportPreview seen, String reason,
                                    SignedInUser staff) {
        courses.requireStaff(courseId, staff);
        ImportPreview plan = plan(courseId, ScoreFile.parse(csv), staff);
        if (!plan.clean()) {
            return new ImportResult(0, plan.problems());
        }
        if (seen != null && !plan.equals(seen)) {
            return new ImportResult(0, List.of(new ImportProblem(0, "gradebook.import.changed")));
        }
        List<Planned> planned = plan.changes().stream().map(c -> new Planned(c.itemId(), c.userId(),
                repository.score(c.itemId(), c.userId()), c.after())).toList();
        return new ImportResult(write(planned, reason, ScoreChange.Via.IMPORT, staff), List.of());
    }

    private ImportPreview plan(long courseId, ScoreFile file, SignedInUser staff) {
        if (file.lines().isEmpty()) {
            return new ImportPreview(List.of(), 0, file.problems());
        }
        GradebookLayout layout = layoutFor(courseId, staff);
        Map<String, GradebookLayout.ItemView> items = new HashMap<>();
        layout.categories().forEach(c -> c.items().forEach(i -> items.put(i.title().toLowerCase(Locale.ROOT), i)));
        Map<String, Member> byNumber = new HashMap<>();
        for (Member m : students(courseId, staff)) {
            byNumber.put(number(m).toLowerCase(Locale.ROOT), m);
        }
        Map<Long, Map<Long, Score>> scores = new HashMap<>();
        for (Score s : repository.scores(courseId)) {
            scores.computeIfAbsent(s.userId, u -> new HashMap<>()).put(s.itemId, s);
        }
        Map<String, Long> lines = new HashMap<>();
        List<ImportPreview.Change> changes = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>(file.problems());
        int unchanged = 0;
        for (ScoreFile.Line line : file.lines()) {
            Member student = byNumber.get(line.studentNumber().toLowerCase(Locale.ROOT));
            GradebookLayout.ItemView item = items.get(line.item().toLowerCase(Locale.ROOT));
            if (student == null) {
                problems.add(new ImportProblem(line.line(), "gradebook.import.student", line.studentNumber()));
                continue;
            }
            if (item == null) {
                problems.add(new ImportProblem(line.line(), "gradebook.import.item", line.item()));
                continue;
            }
            Mark after;
            if (line.excused()) {
                if (!line.points().isEmpty()) {
                    problems.add(new ImportProblem(line.line(), "gradebook.import.excusedWithPoints"));
                    continue;
                }
                after = Mark.EXCUSED;
            } else {
                Optional<BigDecimal> points = points(line.points());
                if (points.isEmpty()) {
                    problems.add(new ImportProblem(line.line(), "gradebook.import.points", line.points(),
                            item.maxPoints().stripTrailingZeros().toPlainString()));
                    continue;
                }
                after = Mark.of(points.get());
            }
            Optional<String> problem = check(item, after);
            if (problem.isPresent()) {
                problems.add(new ImportProblem(line.line(), problem.get().replace("gradebook.error.",
                        "gradebook.import."), line.points(), item.maxPoints().stripTrailingZeros().toPlainString()));
                continue;
            }
            Long earlier = lines.putIfAbsent(item.id() + "/" + student.userId(), line.line());
            if (earlier != null) {
                problems.add(new ImportProblem(line.line(), "gradebook.import.duplicate", earlier));
                continue;
            }
            Optional<Score> stored = Optional.ofNullable(scores.getOrDefault(student.userId(), Map.of())
                    .get(item.id()));
            Mark before = stored.map(Score::mark).orElse(Mark.EMPTY);
            if (before.equals(after)) {
                unchanged++;
                continue;
            }
            changes.add(new ImportPreview.Change(line.line(), item.id(), student.userId(), number(student),
                    student.displayName(), item.title(), before, after, stored.map(Score::formVersion).orElse(0)));
        }
        problems.sort(Comparator.comparingLong(ImportProblem::line));
        return problems.isEmpty() ? new ImportPreview(List.copyOf(changes), unchanged, List.of())
                : new ImportPreview(List.of(), 0, List.copyOf(problems));
    }

    /** Points as written in a file: a plain decimal number with at most two decimals. */
    private static Optional<BigDecimal> points(String text) {
        if (!text.matches("[0-9]{1,6}(\\.[0-9]{1,2})?")) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(text));
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
