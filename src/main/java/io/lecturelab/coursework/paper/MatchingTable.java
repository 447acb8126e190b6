package io.lecturelab.coursework.paper;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every student of the course with the paper they are assigned (if any), for the course's staff.
 *
 * @param load students per paper id
 */
public record MatchingTable(List<Row> rows, Map<Long, Integer> load, int capPerPaper, boolean computed,
                            boolean published) {

    /**
     * @param choice the rank the student gave the paper (1 = first choice), empty when they had not ranked it
     * @param byHand whether the instructor placed the student by hand
     */
    public record Row(long userId, String name, String username, Optional<Long> paperId, OptionalInt choice,
                      boolean byHand) {
    }

    /** Students placed on their {@code rank}-th choice. */
    public long withChoice(int rank) {
        return rows.stream().filter(r -> r.choice().orElse(0) == rank).count();
    }

    public long unassigned() {
        return rows.stream().filter(r -> r.paperId().isEmpty()).count();
    }
}
