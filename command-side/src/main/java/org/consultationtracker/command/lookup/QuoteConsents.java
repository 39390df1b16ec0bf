package org.consultationtracker.command.lookup;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.consultationtracker.events.participant.ConsentGiven;
import org.consultationtracker.events.participant.ConsentPurpose;
import org.consultationtracker.events.participant.ConsentWithdrawn;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.report.ConsentGap;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Whether each participant may be quoted in a report now: their consent to {@code BE_QUOTED} (given, withdrawn or
 * never given) and whether they were erased, with which policy.
 *
 * <p>Kept under keys of its own ({@code quote-consent:<participantId>}) rather than on the participant's directory
 * entry: an entry takes a write only from an event later than the last one it holds, so facts added to an existing
 * entry could never be filled in from older events, while new keys are filled by re-applying the stream (see
 * operations.md, "Rebuilding").
 */
@Component
public class QuoteConsents {

    private static final String BE_QUOTED = "beQuoted";
    private static final String WITHDRAWN = "withdrawn";
    private static final String ERASED_WITH = "erasedWith";

    private final LookupStore store;

    public QuoteConsents(LookupStore store) {
        this.store = store;
    }

    /**
     * What is missing for the participant to be quoted, or empty when they consent now. A participant the lookup knows
     * nothing about has not consented: publication fails closed.
     */
    public Optional<ConsentGap> gap(String participantId) {
        Document entry = store.find(key(participantId)).orElse(new Document());
        String erasedWith = entry.getString(ERASED_WITH);
        if (erasedWith != null) {
            return Optional.of(ContributionPolicy.WITHDRAW_WORDS.name().equals(erasedWith)
                    ? ConsentGap.WORDS_WITHDRAWN : ConsentGap.SPEAKER_ERASED);
        }
        if (entry.getBoolean(BE_QUOTED, false)) {
            return Optional.empty();
        }
        return Optional.of(entry.getBoolean(WITHDRAWN, false) ? ConsentGap.WITHDRAWN : ConsentGap.NOT_GIVEN);
    }

    private static String key(String participantId) {
        return "quote-consent:" + participantId;
    }

    /** How the consents follow the events; applied in position order by {@link LookupCatchUp}. */
    static final class Projection {

        private final LookupStore store;

        Projection(LookupStore store) {
            this.store = store;
        }

        @EventHandler
        void on(ConsentGiven event, TrackingToken token) {
            if (event.purpose() == ConsentPurpose.BE_QUOTED) {
                store.merge(key(event.participantId()), new Document(BE_QUOTED, true), EventPosition.of(token));
            }
        }

        @EventHandler
        void on(ConsentWithdrawn event, TrackingToken token) {
            if (event.purpose() == ConsentPurpose.BE_QUOTED) {
                store.merge(key(event.participantId()), new Document(BE_QUOTED, false).append(WITHDRAWN, true),
                        EventPosition.of(token));
            }
        }

        @EventHandler
        void on(ParticipantErased event, TrackingToken token) {
            store.merge(key(event.participantId()), new Document(BE_QUOTED, false)
                    .append(ERASED_WITH, event.contributionPolicy().name()), EventPosition.of(token));
        }
    }
}
