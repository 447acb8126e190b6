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

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

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

    /** Creates an empty course (administrators). */
    public long create(String slug, String title, String term, SignedInUser creator) {
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
        Course course = new Course();
        course.slug = cleanSlug;
        course.createdAt = clock.instant();
        course.apply(new CourseSettings(title, term, "Asia/Seoul", "", "", "", "", "", "", "",
                GradingPolicy.DEFAULT, TeamRules.DEFAULT, "", "", 0));
        courses.persist(course);
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

    /** The course's members, for its staff. */
    public List<Member> members(long courseId, SignedInUser viewer) {
        requireStaff(courseId, viewer);
        return members.ofCourse(courseId).stream()
                .map(m -> new Member(m.user.getId(), m.user.getUsername(), m.user.getDisplayName(),
                        m.user.getEmail(), m.user.getStudentId(), m.role))
                .toList();
    }

    /**
     * Adds one person. An existing account (same user name) is enrolled as it is; otherwise an account is created
     * with a temporary password, which is returned so it can be handed over.
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
        enrol(course, user, member.role());
        return created;
    }

    /**
     * Enrols every student of a roster file as a student of the course, all or nothing: a file with any bad line
     * changes nothing and its problems are returned by line. Students already in the course are left as they are;
     * students with an account from another course keep it; the others get an account with a temporary password.
     */
    public RosterImport importRoster(long courseId, byte[] csv, SignedInUser actor) {
        requireInstructor(courseId, actor);
        Course course = course(courseId);
        Roster roster = Roster.parse(csv);
        if (!roster.isClean()) {
            return RosterImport.rejected(roster.problems());
        }
        int alreadyMembers = 0;
        int enrolled = 0;
        List<NewAccount> created = new ArrayList<>();
        for (Roster.Student student : roster.students()) {
            Optional<User> existing = users.findByUsername(student.studentId());
            if (existing.isPresent() && members.find(courseId, existing.get().getId()).isPresent()) {
                alreadyMembers++;
                continue;
            }
            User user = existing.orElseGet(() -> {
                NewAccount account = userService.create(new NewUser(student.studentId(), student.name(),
                        student.email(), student.studentId(), SystemRole.USER), Optional.empty());
                created.add(account);
                return users.findById(account.userId());
            });
            enrol(course, user, CourseRole.STUDENT);
            enrolled++;
        }
        return new RosterImport(List.of(), enrolled, alreadyMembers, List.copyOf(created));
    }

    /** Changes a member's role (instructors); the last instructor stays one. */
    public void changeRole(long courseId, long userId, CourseRole role, SignedInUser actor) {
        requireInstructor(courseId, actor);
        CourseMember member = member(courseId, userId);
        if (member.role == CourseRole.INSTRUCTOR && role != CourseRole.INSTRUCTOR && instructorCount(courseId) == 1) {
            throw new UserFacingException("member.error.lastInstructor");
        }
        member.changeRole(role);
    }

    /** Removes a member from the course (instructors); their account stays. */
    public void removeMember(long courseId, long userId, SignedInUser actor) {
        requireInstructor(courseId, actor);
        CourseMember member = member(courseId, userId);
        if (member.role == CourseRole.INSTRUCTOR && instructorCount(courseId) == 1) {
            throw new UserFacingException("member.error.lastInstructor");
        }
        members.delete(member);
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

    private long instructorCount(long courseId) {
        return members.count("course.id = ?1 and role = ?2", courseId, CourseRole.INSTRUCTOR);
    }

    private static CourseSummary summary(Course course, Optional<CourseRole> role) {
        return new CourseSummary(course.id, course.slug, course.title, course.term, role);
    }
}
