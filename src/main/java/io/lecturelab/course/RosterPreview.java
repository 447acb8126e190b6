package io.lecturelab.course;

import java.util.List;

/**
 * What importing a roster file would do, computed without changing anything: the accounts it would create, the
 * existing accounts it would enrol, the lines already in the course, and the lines it refuses with their reasons.
 * A roster is applied only when no line is refused, and then all of it.
 */
public record RosterPreview(List<Line> newAccounts, List<Line> existingAccounts, List<Line> alreadyMembers,
                            List<RosterProblem> refused) {

    /** One line of the file and, for an existing account, its user name. */
    public record Line(long line, String studentId, String name, String email, String username) {
    }

    public RosterPreview {
        newAccounts = List.copyOf(newAccounts);
        existingAccounts = List.copyOf(existingAccounts);
        alreadyMembers = List.copyOf(alreadyMembers);
        refused = List.copyOf(refused);
    }

    /** True when the file can be applied: no refused line and something to do. */
    public boolean applicable() {
        return refused.isEmpty() && !(newAccounts.isEmpty() && existingAccounts.isEmpty());
    }
}
