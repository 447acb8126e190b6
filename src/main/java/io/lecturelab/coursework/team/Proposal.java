package io.lecturelab.coursework.team;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A team's proposal as it is now; {@code editable} for the team's members. */
public record Proposal(long teamId, String teamName, Map<ProposalPart, ProposalText> parts,
                       Optional<String> updatedBy, Optional<Instant> updatedAt, boolean editable) {

    public ProposalText part(ProposalPart part) {
        return parts.get(part);
    }

    /** The three parts as one Markdown document, as it is submitted. */
    public String markdown(Map<ProposalPart, String> headings) {
        StringBuilder text = new StringBuilder();
        for (ProposalPart part : ProposalPart.values()) {
            text.append("## ").append(headings.get(part)).append("\n\n").append(parts.get(part).text().strip())
                    .append("\n\n");
        }
        return text.toString().strip() + "\n";
    }
}
