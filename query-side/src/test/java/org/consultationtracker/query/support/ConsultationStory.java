package org.consultationtracker.query.support;

import org.consultationtracker.eventstore.privacy.KeyVault;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.GridDefined;
import org.consultationtracker.events.agenda.GridRound;
import org.consultationtracker.events.agenda.ProposalsMerged;
import org.consultationtracker.events.agenda.RoundClosed;
import org.consultationtracker.events.agenda.RoundOpened;
import org.consultationtracker.events.consultation.ConsultationStarted;
import org.consultationtracker.events.consultation.SessionKind;
import org.consultationtracker.events.consultation.SessionScheduled;
import org.consultationtracker.events.consultation.StakeholderGroupDefined;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ConversationSummarised;
import org.consultationtracker.events.conversation.KeyPointEdited;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.KeyPointRetracted;
import org.consultationtracker.events.conversation.ParticipantJoinedConversation;
import org.consultationtracker.events.conversation.ParticipantLeftConversation;
import org.consultationtracker.events.conversation.PlenarySummaryRecorded;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.KeyPointTagged;
import org.consultationtracker.events.report.PublishedSection;
import org.consultationtracker.events.report.ReportPublished;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.events.report.ReportStarted;
import org.consultationtracker.events.report.ThemeIdentified;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small consultation from the marketplace to the report, with the awkward parts: a merge of merges, a move between
 * rooms, an edit of an edit, a superseded summary, a rewritten section, a publication and erasures under both
 * contribution policies. Ids carry a prefix so several
 * stories can share one store.
 */
public final class ConsultationStory {

    public static final Instant T0 = Instant.parse("2021-03-10T10:00:00Z");

    private ConsultationStory() {
    }

    /** The question and pitch cy proposed; cy withdraws their words at erasure, so no view may show them after. */
    public static final String CY_QUESTION = "Leaving care at eighteen";
    public static final String CY_PITCH = "Nobody helped me when I turned eighteen";

    public static List<Object> events(String p) {
        return events(p, null);
    }

    /**
     * With a vault, attributed words are really sealed with each speaker's words key (as the command side does), and
     * the key of the participant erased with WITHDRAW_WORDS is destroyed, as erasure does before its event.
     */
    public static List<Object> events(String p, KeyVault vault) {
        ConsultationStory.vault = vault;
        if (vault != null) {
            for (String name : List.of("ana", "bo", "cy")) {
                vault.createKey(p + name + "/words", p + name, "words");
            }
        }
        List<Object> events = new ArrayList<>();
        events.add(new ConsultationStarted(p + "c", "Review", "What must change?", T0));
        events.add(new StakeholderGroupDefined(p + "c", p + "g-care", "Care-experienced", T0));
        events.add(new StakeholderGroupDefined(p + "c", p + "g-sw", "Social workers", T0));
        events.add(new SessionScheduled(p + "c", p + "a", SessionKind.OPEN_SPACE, "Create", T0, at(180), T0));
        events.add(registered(p, "ana", "g-care"));
        events.add(registered(p, "bo", "g-sw"));
        events.add(registered(p, "cy", "g-care"));
        events.add(new GridDefined(p + "a", List.of(new GridRound(1, at(10), at(55))), List.of("Room 1", "Room 2"),
                                   T0));
        // proposals are their proposers' own words: sealed with each proposer's words key, as the command side does
        events.add(new ConversationProposed(p + "a", p + "pr-1", p + "ana", sealed(p + "ana", "Housing"),
                                            sealed(p + "ana", "Where will I live?"), at(1)));
        events.add(new ConversationProposed(p + "a", p + "pr-2", p + "bo", sealed(p + "bo", "Homes"),
                                            sealed(p + "bo", "Homes for carers too"), at(1)));
        events.add(new ConversationProposed(p + "a", p + "pr-3", p + "cy", sealed(p + "cy", CY_QUESTION),
                                            sealed(p + "cy", CY_PITCH), at(2)));
        events.add(new ProposalsMerged(p + "a", p + "m-1", List.of(p + "pr-1", p + "pr-2"), "Housing", "same",
                                       List.of(p + "ana", p + "bo"), List.of(p + "ana", p + "bo"), at(3)));
        events.add(new ProposalsMerged(p + "a", p + "m-2", List.of(p + "m-1", p + "pr-3"), "Housing after care",
                                       "overlap", List.of(p + "cy"), List.of(p + "ana", p + "bo", p + "cy"), at(4)));
        events.add(new ConversationProposed(p + "a", p + "pr-4", p + "bo", sealed(p + "bo", "Pay"),
                                            sealed(p + "bo", "Carers are paid too little"), at(5)));
        events.add(new ConversationScheduled(p + "a", p + "m-2", 1, "Room 1", List.of(p + "ana", p + "bo", p + "cy"),
                                             Wording.plain("Housing after care"), at(6)));
        events.add(new ConversationScheduled(p + "a", p + "pr-4", 1, "Room 2", List.of(p + "bo"),
                                             sealed(p + "bo", "Pay"), at(6)));
        events.add(new RoundOpened(p + "a", 1, at(10)));
        events.add(new ConversationStarted(p + "m-2", p + "a", 1, "Room 1", p + "ana", at(10)));
        events.add(new ConversationStarted(p + "pr-4", p + "a", 1, "Room 2", p + "bo", at(10)));
        events.add(new ParticipantJoinedConversation(p + "m-2", p + "a", 1, p + "cy", null, at(11)));
        events.add(new ParticipantLeftConversation(p + "m-2", p + "a", 1, p + "cy", p + "pr-4", at(30)));
        events.add(new ParticipantJoinedConversation(p + "pr-4", p + "a", 1, p + "cy", p + "m-2", at(30)));
        events.add(new KeyPointRecorded(p + "m-2", p + "kp-1", KeyPointKind.PROBLEM,
                                        sealed(p + "ana", "Nobody told me where I would live"), true,
                                        p + "ana", "notetaker", at(15)));
        events.add(new KeyPointRecorded(p + "m-2", p + "kp-2", KeyPointKind.SOLUTION, Wording.plain("More homes"),
                                        false, null, "notetaker", at(16)));
        events.add(new KeyPointRecorded(p + "m-2", p + "kp-3", KeyPointKind.QUESTION, Wording.plain("Who pays?"),
                                        false, null, "notetaker", at(17)));
        events.add(new KeyPointRecorded(p + "pr-4", p + "kp-4", KeyPointKind.RECOMMENDATION,
                                        sealed(p + "cy", "Pay carers properly"), true,
                                        p + "cy", "notetaker", at(35)));
        events.add(new KeyPointRecorded(p + "pr-4", p + "kp-6", KeyPointKind.SOLUTION,
                                        sealed(p + "bo", "Smaller caseloads"), true, p + "bo", "notetaker", at(37)));
        events.add(new KeyPointRecorded(p + "pr-4", p + "kp-5", KeyPointKind.OBSERVATION, Wording.plain("Noise"),
                                        false, null, "notetaker", at(36)));
        events.add(new KeyPointEdited(p + "m-2", p + "kp-2", Wording.plain("More homes for care leavers"), "clarity",
                                      "notetaker", at(40)));
        events.add(new KeyPointEdited(p + "m-2", p + "kp-2", Wording.plain("More social homes for care leavers"),
                                      "precision", "facilitator", at(41)));
        events.add(new KeyPointRetracted(p + "pr-4", p + "kp-5", "recorded by mistake", "notetaker", at(42)));
        events.add(new ConversationSummarised(p + "m-2", "first", List.of(p + "kp-2", p + "kp-3"), "ana", at(50)));
        events.add(new ConversationSummarised(p + "m-2", "second", List.of(p + "kp-3"), "ana", at(52)));
        // cy's point is repeated in the group's summary; cy withdraws their words below
        events.add(new ConversationSummarised(p + "pr-4", "Carers should be paid properly", List.of(p + "kp-4"),
                                              "notetaker", at(53)));
        events.add(new RoundClosed(p + "a", 1, at(55)));
        events.add(new PlenarySummaryRecorded(p + "m-2", p + "a", 1, "We talked about homes", p + "ana", at(60)));
        events.add(new ReportStarted(p + "r", p + "c", "Final report", at(100)));
        events.add(new ThemeIdentified(p + "r", p + "t-housing", "Housing", "Homes after care", at(101)));
        events.add(new KeyPointTagged(p + "r", p + "t-housing", p + "kp-4", p + "pr-4", at(102)));
        events.add(new ReportSectionWritten(p + "r", p + "s-1", 1, "Housing", "draft",
                                            List.of(new Citation(CitationKind.QUOTE, p + "kp-1"),
                                                    new Citation(CitationKind.KEY_POINT, p + "kp-3")), at(103)));
        events.add(new ReportSectionWritten(p + "r", p + "s-1", 1, "Housing", "final",
                                            List.of(new Citation(CitationKind.QUOTE, p + "kp-1"),
                                                    new Citation(CitationKind.THEME, p + "t-housing")), at(104)));
        events.add(new ReportPublished(p + "r", 1, null, List.of(new PublishedSection(
                p + "s-1", 1, "Housing", "final", List.of(new Citation(CitationKind.QUOTE, p + "kp-1"),
                                                          new Citation(CitationKind.THEME, p + "t-housing")))),
                                       at(110)));
        if (vault != null) {
            vault.destroy(p + "cy/words");
        }
        events.add(new ParticipantErased(p + "cy", ContributionPolicy.WITHDRAW_WORDS,
                ErasureRequester.THE_PARTICIPANT, "asked in the app", null, at(120)));
        // bo keeps their words but drops their identity: only the identity key goes.
        events.add(new ParticipantErased(p + "bo", ContributionPolicy.KEEP_WORDS_DROP_IDENTITY,
                ErasureRequester.THE_PARTICIPANT, "asked in the app", null, at(121)));
        return events;
    }

    private static ParticipantRegistered registered(String p, String name, String group) {
        return new ParticipantRegistered(p + name, p + "c", name.toUpperCase(), List.of(p + group),
                                         AgeBand.AGED_18_TO_25, new EncryptedValue(p + name + "/identity", "iv", "x"),
                                         null, null, T0);
    }

    private static KeyVault vault;

    private static Wording sealed(String participant, String words) {
        if (vault == null) {
            return Wording.encrypted(new EncryptedValue(participant + "/words", "aXY=", "Y2lwaGVy"));
        }
        KeyVault.Sealed sealed = vault.seal(participant + "/words", words).orElseThrow();
        return Wording.encrypted(new EncryptedValue(sealed.keyId(), sealed.iv(), sealed.ciphertext()));
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }
}
