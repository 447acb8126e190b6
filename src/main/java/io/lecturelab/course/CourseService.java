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

/** Courses, their settings and their members. */
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
    @Transactional(Transactional.TxType.SUPPORTS)
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

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CourseSummary> find(long courseId) {
        return courses.findByIdOptional(courseId).map(c -> summary(c, Optional.empty()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CourseRole> roleOf(long userId, long courseId) {
        return members.find(courseId, userId).map(m -> m.role);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CourseSettings settings(long courseId) {
        return course(courseId).settings();
    }

    /**
     * Saves the home page settings. Refused when someone else saved since {@code settings.version()} was read, so
     * nobody's edit is silently overwritten.
     */
    public CourseSettings updateSettings(long courseId, CourseSettings settings) {
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
    public long create(String slug, String title, String term) {
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

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Long> findIdBySlug(String slug) {
        return courses.findBySlug(slug).map(c -> c.id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Member> members(long courseId) {
        return members.ofCourse(courseId).stream()
                .map(m -> new Member(m.user.getId(), m.user.getUsername(), m.user.getDisplayName(),
                        m.user.getEmail(), m.user.getStudentId(), m.role))
                .toList();
    }

    /**
     * Adds one person. An existing account (same user name) is enrolled as it is; otherwise an account is created
     * with a temporary password, which is returned so it can be handed over.
     */
    public Optional<NewAccount> addMember(long courseId, NewMember member) {
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
    public RosterImport importRoster(long courseId, byte[] csv) {
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

    public void changeRole(long courseId, long userId, CourseRole role) {
        CourseMember member = members.find(courseId, userId).orElseThrow();
        if (member.role == CourseRole.INSTRUCTOR && role != CourseRole.INSTRUCTOR && instructorCount(courseId) == 1) {
            throw new UserFacingException("member.error.lastInstructor");
        }
        member.role = role;
    }

    public void removeMember(long courseId, long userId) {
        CourseMember member = members.find(courseId, userId).orElseThrow();
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
