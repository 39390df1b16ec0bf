package org.consultationtracker.query.audittrail;

import org.consultationtracker.query.agenda.AgendaView.ProposalView;

/** What happened to a proposal, in plain words, following merges to the proposal it ended up in. */
final class ProposalOutcome {

    private ProposalOutcome() {
    }

    /**
     * @param proposal the participant's own proposal
     * @param ended    the proposal it ended up in after following merges ({@code proposal} itself when not merged);
     *                 null when that is not on the agenda read model
     */
    static String describe(ProposalView proposal, ProposalView ended) {
        return switch (proposal.status()) {
            case "WITHDRAWN" -> proposal.withdrawnReason() == null || proposal.withdrawnReason().isBlank()
                    ? "withdrawn" : "withdrawn: " + proposal.withdrawnReason();
            case "SPLIT" -> "split into " + proposal.splitInto().size() + " proposals: "
                    + String.join(", ", proposal.splitInto());
            case "MERGED" -> "merged with similar proposals into " + proposal.mergedInto()
                    + (ended == null || ended == proposal ? ""
                    : "WITHDRAWN".equals(ended.status()) ? "; that proposal was later withdrawn"
                    : "; " + where(ended));
            case "REVERSED" -> "made by a merge that was later reversed"
                    + reason(proposal) + "; its sources are back on the agenda";
            default -> reversedMerge(proposal) + where(proposal);
        };
    }

    /** "merged into m-1, then the merge was reversed (reason); " for a source of a reversed merge, else "". */
    private static String reversedMerge(ProposalView proposal) {
        StringBuilder told = new StringBuilder();
        String mergedInto = null;
        for (var step : proposal.lineage() == null ? java.util.List.<org.consultationtracker.query.agenda.AgendaView
                .LineageStep>of() : proposal.lineage()) {
            if ("MERGED_INTO".equals(step.kind())) {
                mergedInto = String.valueOf(step.details().get("into"));
            } else if ("MERGE_REVERSED".equals(step.kind()) && mergedInto != null) {
                Object reason = step.details().get("reason");
                told.append("merged into ").append(mergedInto).append(", then the merge was reversed")
                    .append(reason == null ? "" : " (" + reason + ")").append("; ");
                mergedInto = null;
            }
        }
        return told.toString();
    }

    private static String reason(ProposalView proposal) {
        for (var step : proposal.lineage() == null ? java.util.List.<org.consultationtracker.query.agenda.AgendaView
                .LineageStep>of() : proposal.lineage()) {
            if ("MERGE_REVERSED".equals(step.kind()) && step.details().get("reason") != null) {
                return " (" + step.details().get("reason") + ")";
            }
        }
        return "";
    }

    private static String where(ProposalView proposal) {
        if (proposal.slot() == null) {
            return "proposed, not scheduled (yet)";
        }
        String room = proposal.slot().room();
        // Rooms are named freely: "3", or "Room 03" as in the imported dataset.
        String slot = "round " + proposal.slot().round() + ", "
                + (room != null && room.regionMatches(true, 0, "room", 0, 4) ? room : "room " + room);
        String held = proposal.conversationStatus() == null ? "scheduled" : switch (proposal.conversationStatus()) {
            case "HELD" -> "held";
            case "NOT_HELD" -> "scheduled but not held";
            case "IN_PROGRESS" -> "being held now";
            default -> "scheduled";
        };
        return held + " as conversation " + proposal.proposalId() + " in " + slot;
    }
}
