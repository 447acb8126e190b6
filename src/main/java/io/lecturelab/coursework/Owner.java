package io.lecturelab.coursework;

import java.util.Optional;

/**
 * Whose work a submission or grade is: one student, or one team for team work. Written {@code u12} or {@code t3}
 * in addresses.
 */
public record Owner(long id, boolean team) {

    public static Owner student(long userId) {
        return new Owner(userId, false);
    }

    public static Owner team(long teamId) {
        return new Owner(teamId, true);
    }

    public Long userId() {
        return team ? null : id;
    }

    public Long teamId() {
        return team ? id : null;
    }

    public String key() {
        return (team ? "t" : "u") + id;
    }

    public static Optional<Owner> parse(String key) {
        if (key == null || !key.matches("[ut][0-9]{1,18}")) {
            return Optional.empty();
        }
        long id = Long.parseLong(key.substring(1));
        return Optional.of(key.charAt(0) == 't' ? team(id) : student(id));
    }
}
