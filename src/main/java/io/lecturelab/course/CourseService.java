package io.lecturelab.course;

import io.lecturelab.base.UserFacingException;
import io.lecturelab.security.SignedInUser;
import io.lecturelab.security.SystemRole;
import io.lecturelab.security.User;
import io.lecturelab.security.UserRepository;
import io.lecturelab.security.UserService;
import io.lecturelab.security.UserService.NewAccount;
import io.lecturelab.security.UserService.NewUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import java.text.Collator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Courses, their settings and their members. Every method that reads or changes a course takes the acting user and
 * decides here whether they may: a view that forgets its guard, an endpoint or a background task cannot act beyond
 * the user's role. A course that does not exist and one the user is not a member of get the same answer.
 * Reads run in transactions too: outside one, Quarkus keeps one session per request, and a read after a change
 * made in another transaction of the same request would see the session's stale copy.
 */
@ApplicationScoped
@Transactional
public class CourseService {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");

    private final CourseRepository courses;
    private final CourseMemberRepository members;
    private final UserRepository users;
    private final UserService userService;
    private final Clock clock;

    CourseService(CourseRepository courses, CourseMemberRepository members, UserRepository users,
                  UserService userService, Clock clock) {
        this.courses = courses;
        this.members = members;
        this.users = users;
        this.userService = userService;
        this.clock = clock;
    }

    /** The courses a user takes part in; an administrator sees every course. */
    public List<CourseSummary> coursesOf(SignedInUser user) {
        List<CourseSummary> own = members.ofUser(user.id()).stream()
                .map(m -> summary(m.course, Optional.of(m.role))).toList();
        if (!user.admin()) {
            return own;
        }
        return courses.listAll().stream()
                .sorted((a, b) -> b.createdAt.compareTo(a.createdAt))
                .map(c -> own.stream().filter(s -> s.id() == c.id).findFirst()
                        .orElseGet(() -> summary(c, Optional.empty())))
                .toList();
    }

    public Optional<CourseSummary> find(long courseId) {
        return courses.findByIdOptional(courseId).map(c -> summary(c, Optional.empty()));
    }

    public Optional<CourseRole> roleOf(long userId, long courseId) {
        return members.find(courseId, userId).map(m -> m.role);
    }

    /**
     * What {@code user} may do in the course. Refused with {@code course.error.notFound} when the course does not
     * exist or the user is neither a member nor an administrator, so ids of other courses reveal nothing.
     */
    public CourseAccess access(long courseId, SignedInUser user) {
        if (courses.findByIdOptional(courseId).isEmpty()) {
            throw new UserFacingException("course.error.notFound");
        }
        Optional<CourseRole> role = roleOf(user.id(), courseId);
        if (role.isEmpty() && !user.admin()) {
            throw new UserFacingException("course.error.notFound");
        }
        return new CourseAccess(courseId, role, user.admin());
    }

    /** As {@link #access}, and refused unless the user is staff of the course (or an administrator). */
    public CourseAccess requireStaff(long courseId, SignedInUser user) {
        CourseAccess access = access(courseId, user);
        if (!access.staff()) {
            throw new UserFacingException("access.staffOnly");
        }
        return access;
    }

    /** As {@link #access}, and refused unless the user is an instructor of the course (or an administrator). */
    public CourseAccess requireInstructor(long courseId, SignedInUser user) {
        CourseAccess access = access(courseId, user);
        if (!access.instructor()) {
            throw new UserFacingException("access.instructorOnly");
        }
        return access;
    }

    /** The course's home page, for its members. */
    public CourseSettings settings(long courseId, SignedInUser viewer) {
        access(courseId, viewer);
        return course(courseId).settings();
    }

    /** The course's time zone (not a secret: lecture times are shown in it). */
    public String timeZone(long courseId) {
        return course(courseId).settings().timeZone();
    }

    /**
     * Saves the home page settings. Refused when someone else saved since {@code settings.version()} was read, so
     * nobody's edit is silently overwritten.
     */
    public CourseSettings updateSettings(long courseId, CourseSettings settings, SignedInUser editor) {
        requireInstructor(courseId, editor);
        Course course = course(courseId);
        if (course.version != settings.version()) {
            throw new UserFacingException("course.error.concurrentEdit");
        }
        course.apply(settings);
        try {
            courses.flush();
        } catch (OptimisticLockException e) {
            throw new UserFacingException("course.error.concurrentEdit");
        }
        return course.settings();
    }

    /**
     * Creates a course (administrators). It starts neutral: no grading policy and no team rules until an instructor
     * enters them. Its creator becomes its instructor.
     */
    public long create(String slug, String title, String term, SignedInUser creator) {
        return create(slug, title, term, Optional.empty(), creator);
    }

    /**
     * Creates a course (administrators) whose instructor is the account named {@code instructor}, or, when none is
     * named, the creator (the application itself, creating the sample course, is nobody's account and enrols none).
     */
    public long create(String slug, String title, String term, Optional<String> instructor, SignedInUser creator) {
        if (!creator.admin()) {
            throw new UserFacingException("access.adminOnly");
        }
        String cleanSlug = slug == null ? "" : slug.strip().toLowerCase(Locale.ROOT);
        if (!SLUG.matcher(cleanSlug).matches()) {
            throw new UserFacingException("course.error.slug", slug);
        }
        if (courses.findBySlug(cleanSlug).isPresent()) {
            throw new UserFacingException("course.error.slugTaken", cleanSlug);
        }
        Optional<String> named = instructor.map(String::strip).filter(name -> !name.isEmpty());
        Optional<User> teacher = named.isPresent()
                ? Optional.of(users.findByUsername(named.get())
                        .orElseThrow(() -> new UserFacingException("course.error.noSuchInstructor", named.get())))
                : users.findByIdOptional(creator.id());
        Course course = new Course();
        course.slug = cleanSlug;
        course.createdAt = clock.instant();
        course.apply(new CourseSettings(title, term, "Asia/Seoul", "", "", "", "", "", "", "",
                Optional.empty(), Optional.empty(), "", "", 0));
        courses.persist(course);
        teacher.ifPresent(user -> enrol(course, user, CourseRole.INSTRUCTOR));
        return course.id;
    }

    public Optional<Long> findIdBySlug(String slug) {
        return courses.findBySlug(slug).map(c -> c.id);
    }

    /**
     * The place of {@code user} among the course's students (0-based, by account age), or -1 for staff: a class-wide
     * experiment gives each student a different setting by it. Refused to non-members.
     */
    public int studentRank(long courseId, SignedInUser user) {
        access(courseId, user);
        List<Long> students = members.ofCourse(courseId).stream().filter(m -> m.role == CourseRole.STUDENT)
                .map(m -> m.user.getId()).sorted().toList();
        return students.indexOf(user.id());
    }

    /** Display names of the course's members by user id, for its staff. */
    public java.util.Map<Long, String> memberNames(long courseId, SignedInUser viewer) {
        return members(courseId, viewer).stream()
                .collect(java.util.stream.Collectors.toMap(Member::userId, Member::displayName));
    }

    /** The course's members, for its staff, by role and then name. */
    public List<Member> members(long courseId, SignedInUser viewer) {
        return members(courseId, "", MemberSort.ROLE, viewer);
    }

    /**
     * The course's members whose name, user name, student number or e-mail contains {@code search} (ignoring case),
     * in the given order; for its staff. Instructors and teaching assistants both see the whole list: a teaching
     * assistant grades and answers students, and needs to find them.
     */
    public List<Member> members(long courseId, String search, MemberSort sort, SignedInUser viewer) {
        requireStaff(courseId, viewer);
        String needle = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        Collator collator = Collator.getInstance(Locale.KOREAN);
        Comparator<Member> byName = Comparator.comparing(Member::displayName, collator)
                .thenComparing(Member::username);
        Comparator<Member> order = switch (sort == null ? MemberSort.ROLE : sort) {
            case NAME -> byName;
            case STUDENT_ID -> Comparator.comparing((Member m) -> m.studentId() == null ? 1 : 0)
                    .thenComparing(m -> m.studentId() == null ? "" : m.studentId().toLowerCase(Locale.ROOT))
                    .thenComparing(byName);
            case ROLE -> Comparator.comparing((Member m) -> -m.role().ordinal()).thenComparing(byName);
        };
        return members.ofCourse(courseId).stream()
                .map(m -> new Member(m.user.getId(), m.user.getUsername(), m.user.getDisplayName(),
                        m.user.getEmail(), m.user.getStudentId(), m.role))
                .filter(m -> needle.isEmpty() || Stream.of(m.displayName(), m.username(), m.studentId(), m.email())
                        .anyMatch(field -> field != null && field.toLowerCase(Locale.ROOT).contains(needle)))
                .sorted(order)
                .toList();
    }

    /**
     * Adds one person (instructors). An existing account (same user name) is enrolled as it is, which is also how a
     * removed member comes back; otherwise an account is created with a temporary password, which is returned so it
     * can be handed over.
     */
    public Optional<NewAccount> addMember(long courseId, NewMember member, SignedInUser actor) {
        requireInstructor(courseId, actor);
        Course course = course(courseId);
        Optional<User> existing = users.findByUsername(member.username());
        if (existing.isPresent() && members.find(courseId, existing.get().getId()).isPresent()) {
            throw new UserFacingException("member.error.already", existing.get().getUsername());
        }
        Optional<NewAccount> created = existing.isPresent() ? Optional.empty() : Optional.of(userService.create(
                new NewUser(member.username(), member.displayName(), member.email(), member.studentId(),
                        SystemRole.USER), Optional.empty()));
        User user = existing.orElseGet(() -> users.findById(created.orElseThrow().userId()));
        enrol(course, user, member.role() == null ? CourseRole.STUDENT : member.role());
        return created;
    }

    /**
     * What importing {@code csv} as the course's student roster would do (instructors); changes nothing. A line is
     * refused, with its reason, when it is malformed, when it names an account whose name, e-mail or student number
     * differs from the file's, when it names an administrator or one of the course's staff, or when its e-mail
     * belongs to another account. A file separated by semicolons gets one hint about the separator.
     */
    public RosterPreview previewRoster(long courseId, byte[] csv, SignedInUser actor) {
        requireInstructor(courseId, actor);
        return plan(courseId, Roster.parse(csv));
    }

    /**
     * Applies a roster (instructors), all or nothing: when any line is refused, or when the accounts or members
     * changed since {@code seen} was previewed so the file would now do something else, nothing is changed and the
     * result says why. Otherwise new accounts are created with temporary passwords (returned, to hand over once) and
     * every student is enrolled. {@code seen} may be null to apply without a preview.
     */
    public RosterImport applyRoster(long courseId, byte[] csv, RosterPreview seen, SignedInUser actor) {
        requireInstructor(courseId, actor);
        Course course = course(courseId);
        RosterPreview plan = plan(courseId, Roster.parse(csv));
        if (!plan.refused().isEmpty()) {
            return RosterImport.rejected(plan.refused());
        }
        if (seen != null && !plan.equals(seen)) {
            return RosterImport.rejected(List.of(new RosterProblem(0, "roster.error.changed")));
        }
        List<NewAccount> created = new ArrayList<>();
        for (RosterPreview.Line line : plan.existingAccounts()) {
            enrol(course, users.findByUsername(line.username()).orElseThrow(), CourseRole.STUDENT);
        }
        for (RosterPreview.Line line : plan.newAccounts()) {
            NewAccount account = userService.create(new NewUser(line.studentId(), line.name(), line.email(),
                    line.studentId(), SystemRole.USER), Optional.empty());
            created.add(account);
            enrol(course, users.findById(account.userId()), CourseRole.STUDENT);
        }
        return new RosterImport(List.of(), plan.existingAccounts().size() + plan.newAccounts().size(),
                plan.alreadyMembers().size(), List.copyOf(created));
    }

    /** Applies a roster without a preview (instructors): all or nothing, as {@link #applyRoster}. */
    public RosterImport importRoster(long courseId, byte[] csv, SignedInUser actor) {
        return applyRoster(courseId, csv, null, actor);
    }

    private RosterPreview plan(long courseId, Roster roster) {
        if (!roster.isClean()) {
            return new RosterPreview(List.of(), List.of(), List.of(), roster.problems());
        }
        List<RosterPreview.Line> fresh = new ArrayList<>();
        List<RosterPreview.Line> existing = new ArrayList<>();
        List<RosterPreview.Line> already = new ArrayList<>();
        List<RosterProblem> refused = new ArrayList<>();
        for (Roster.Student student : roster.students()) {
            long line = student.line();
            Optional<User> byUsername = users.findByUsername(student.studentId());
            List<User> byStudentId = users.list("lower(studentId) = ?1", student.studentId().toLowerCase(Locale.ROOT));
            Optional<User> other = byStudentId.stream()
                    .filter(u -> byUsername.map(b -> !b.getId().equals(u.getId())).orElse(true)).findFirst();
            if (byUsername.isPresent() && other.isPresent()) {
                refused.add(new RosterProblem(line, "roster.refused.twoAccounts", student.studentId(),
                        byUsername.get().getUsername(), other.get().getUsername()));
                continue;
            }
            Optional<User> account = byUsername.or(() -> other);
            if (account.isEmpty()) {
                Optional<User> sameEmail = users.find("lower(email) = ?1", student.email()).firstResultOptional();
                if (sameEmail.isPresent()) {
                    refused.add(new RosterProblem(line, "roster.refused.emailTaken", student.email(),
                            sameEmail.get().getUsername()));
                } else {
                    fresh.add(new RosterPreview.Line(line, student.studentId(), student.name(), student.email(),
                            UserService.normalize(student.studentId())));
                }
                continue;
            }
            User user = account.get();
            Optional<CourseRole> role = members.find(courseId, user.getId()).map(m -> m.role);
            RosterPreview.Line found = new RosterPreview.Line(line, student.studentId(), student.name(),
                    student.email(), user.getUsername());
            if (role.filter(CourseRole::isStaff).isPresent()) {
                refused.add(new RosterProblem(line, "roster.refused.staff", student.studentId(),
                        user.getDisplayName(), user.getUsername(), role.get()));
            } else if (user.getSystemRole() == SystemRole.ADMIN) {
                refused.add(new RosterProblem(line, "roster.refused.admin", student.studentId(), user.getUsername()));
            } else if (!sameDetails(user, student)) {
                refused.add(new RosterProblem(line, "roster.refused.differs", student.studentId(),
                        user.getUsername(), user.getDisplayName(), user.getEmail() == null ? "–" : user.getEmail(),
                        user.getStudentId() == null ? "–" : user.getStudentId()));
            } else if (role.isPresent()) {
                already.add(found);
            } else {
                existing.add(found);
            }
        }
        return new RosterPreview(fresh, existing, already, refused);
    }

    /**
     * An existing account matches a roster line when its name is the same (ignoring spaces at the ends) and its
     * e-mail and student number, where it has them, are the file's. A roster never changes an account.
     */
    private static boolean sameDetails(User user, Roster.Student student) {
        boolean name = user.getDisplayName().strip().equals(student.name().strip());
        boolean email = user.getEmail() == null || user.getEmail().isBlank()
                || user.getEmail().strip().equalsIgnoreCase(student.email());
        boolean studentId = user.getStudentId() == null || user.getStudentId().isBlank()
                || user.getStudentId().strip().equalsIgnoreCase(student.studentId());
        return name && email && studentId;
    }

    /**
     * Changes a member's role (instructors; a teaching assistant may not, so staff cannot promote themselves). The
     * last instructor stays one.
     */
    public void changeRole(long courseId, long userId, CourseRole role, SignedInUser actor) {
        requireInstructor(courseId, actor);
        if (role == null) {
            throw new UserFacingException("member.error.role");
        }
        CourseMember member = member(courseId, userId);
        lockInstructors(courseId);
        if (member.role == CourseRole.INSTRUCTOR && role != CourseRole.INSTRUCTOR && instructorCount(courseId) == 1) {
            throw new UserFacingException("member.error.lastInstructor");
        }
        member.changeRole(role);
    }

    /**
     * Removes a member from the course (instructors). Their account, and everything they handed in, stays: they
     * lose access to the course at their next request, and adding them again (or a roster line) brings them back.
     */
    public void removeMember(long courseId, long userId, SignedInUser actor) {
        requireInstructor(courseId, actor);
        CourseMember member = member(courseId, userId);
        lockInstructors(courseId);
        if (member.role == CourseRole.INSTRUCTOR && instructorCount(courseId) == 1) {
            throw new UserFacingException("member.error.lastInstructor");
        }
        members.delete(member);
    }

    /**
     * Gives a member a new temporary password, shown once to the instructor, to be changed at the member's next
     * sign-in; their open sign-ins end (instructors; a teaching assistant may not). An instructor may reset the
     * password of the course's students and teaching assistants only, and only of accounts that are neither an
     * administrator nor staff of another course: a reset must never open a door the instructor does not already
     * hold. Their own password is changed on the account page, knowing the current one.
     */
    public NewAccount resetPassword(long courseId, long userId, SignedInUser actor) {
        CourseAccess access = requireInstructor(courseId, actor);
        CourseMember member = member(courseId, userId);
        if (userId == actor.id()) {
            throw new UserFacingException("member.error.resetSelf");
        }
        if (!access.admin()) {
            User user = member.user;
            boolean staffElsewhere = members.ofUser(userId).stream()
                    .anyMatch(m -> m.course.id != courseId && m.role.isStaff());
            if (user.getSystemRole() == SystemRole.ADMIN || member.role == CourseRole.INSTRUCTOR || staffElsewhere) {
                throw new UserFacingException("member.error.resetStaff");
            }
        }
        return userService.issueTemporaryPassword(userId);
    }

    void enrol(Course course, User user, CourseRole role) {
        CourseMember member = new CourseMember();
        member.course = course;
        member.user = user;
        member.role = role;
        member.joinedAt = clock.instant();
        members.persist(member);
    }

    private CourseMember member(long courseId, long userId) {
        return members.find(courseId, userId).orElseThrow(() -> new UserFacingException("member.error.notFound"));
    }

    Course course(long courseId) {
        return courses.findByIdOptional(courseId).orElseThrow(() -> new UserFacingException("course.error.notFound"));
    }

    /**
     * Serialises changes to the course's instructors (two instructors demoting each other at once would otherwise
     * both see the other still there): the course row is locked for the rest of the transaction.
     */
    private void lockInstructors(long courseId) {
        courses.getEntityManager().createNativeQuery("select id from course where id = ?1 for update")
                .setParameter(1, courseId).getResultList();
    }

    private long instructorCount(long courseId) {
        return members.count("course.id = ?1 and role = ?2", courseId, CourseRole.INSTRUCTOR);
    }

    private static CourseSummary summary(Course course, Optional<CourseRole> role) {
        return new CourseSummary(course.id, course.slug, course.title, course.term, role);
    }
}
