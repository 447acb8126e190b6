package io.lecturelab.coursework;

import java.util.List;
import java.util.Optional;

/**
 * A homework version as the student hands it in: a Colab or GitHub link and/or uploaded files (by their staging
 * tokens), optionally one of their classifier-lab runs.
 */
public record HandIn(String link, List<String> files, Optional<Long> labRunId) {

    public HandIn {
        link = link == null ? "" : link.strip();
        files = List.copyOf(files);
        labRunId = labRunId == null ? Optional.empty() : labRunId;
    }
}
