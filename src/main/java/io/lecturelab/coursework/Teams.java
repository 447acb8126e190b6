package io.lecturelab.coursework;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What coursework needs to know about a course's teams: who is in which, by name. */
@ApplicationScoped
class Teams {

    /** A team and its members' user ids and names, in joining order. */
    record Team(long id, String name, List<Long> memberIds, List<String> memberNames) {
    }

    private final EntityManager em;

    Teams(EntityManager em) {
        this.em = em;
    }

    Optional<Long> teamOf(long courseId, long userId) {
        List<?> rows = em.createNativeQuery("select team_id from team_member where course_id = ?1 and user_id = ?2",
                Long.class).setParameter(1, courseId).setParameter(2, userId).getResultList();
        return rows.stream().findFirst().map(Long.class::cast);
    }

    List<Team> ofCourse(long courseId) {
        List<?> rows = em.createNativeQuery("select t.id, t.name, u.id, u.display_name from team t "
                        + "left join team_member m on m.team_id = t.id left join app_user u on u.id = m.user_id "
                        + "where t.course_id = ?1 order by lower(t.name), t.id, m.joined_at, u.id")
                .setParameter(1, courseId).getResultList();
        Map<Long, Team> teams = new LinkedHashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            Team team = teams.computeIfAbsent(((Number) r[0]).longValue(), id -> new Team(id, (String) r[1],
                    new ArrayList<>(), new ArrayList<>()));
            if (r[2] != null) {
                team.memberIds().add(((Number) r[2]).longValue());
                team.memberNames().add((String) r[3]);
            }
        }
        return List.copyOf(teams.values());
    }

    String displayName(long userId) {
        List<?> rows = em.createNativeQuery("select display_name from app_user where id = ?1", String.class)
                .setParameter(1, userId).getResultList();
        return rows.stream().findFirst().map(String.class::cast).orElse("#" + userId);
    }

    Optional<Team> team(long courseId, long teamId) {
        return ofCourse(courseId).stream().filter(t -> t.id() == teamId).findFirst();
    }
}
