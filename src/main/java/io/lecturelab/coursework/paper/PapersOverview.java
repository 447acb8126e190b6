package io.lecturelab.coursework.paper;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The papers page as one member sees it. Students get their own ranking and, once published, their own paper;
 * staff get the demand per paper (empty for students).
 *
 * @param myRanking the viewer's ranked paper ids, first choice first (empty for staff)
 * @param myPaper   the viewer's paper, only once the assignment is published
 */
public record PapersOverview(List<PaperSummary> papers, boolean student, boolean staff, boolean instructor,
                             PaperSettings settings, boolean computed, boolean published, List<Long> myRanking,
                             Optional<PaperSummary> myPaper, Map<Long, PaperDemand> demand, int students,
                             List<ReviewAssignment> reviews) {
}
