package io.lecturelab.course;

import io.lecturelab.security.UserService.NewAccount;

import java.util.List;

/**
 * The outcome of a roster import: either refused with its problems (nothing changed), or how many students were
 * enrolled, how many were already members, and the accounts created with their temporary passwords.
 */
public record RosterImport(List<RosterProblem> problems, int enrolled, int alreadyMembers, List<NewAccount> created) {

    static RosterImport rejected(List<RosterProblem> problems) {
        return new RosterImport(problems, 0, 0, List.of());
    }

    public boolean accepted() {
        return problems.isEmpty();
    }
}
