package io.lecturelab.coursework.paper;

import java.util.List;

/** How many students ranked a paper, in all and at each rank ({@code byRank.get(0)}: first choices). */
public record PaperDemand(long paperId, List<Integer> byRank) {

    public PaperDemand {
        byRank = List.copyOf(byRank);
    }

    public int total() {
        return byRank.stream().mapToInt(Integer::intValue).sum();
    }
}
