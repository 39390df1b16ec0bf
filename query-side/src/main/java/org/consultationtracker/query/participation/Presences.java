package org.consultationtracker.query.participation;

import org.bson.Document;
import org.consultationtracker.query.participants.ParticipantDirectory.ParticipantRef;
import org.consultationtracker.query.participation.PresenceTimeline.Step;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.instant;

/** Lays a conversation's stored presences out as a timeline. Pure: the same documents give the same timeline. */
final class Presences {

    private Presences() {
    }

    /** A move before it is counted: {@code order} keeps departures before arrivals at the same instant. */
    private record Move(Instant at, int order, int index, String kind, String participantId, String other) {
    }

    static PresenceTimeline timeline(Document conversation, Document session,
                                     Function<Collection<String>, Map<String, ParticipantRef>> participants) {
        Integer round = conversation.getInteger("round");
        Document roundDoc = null;
        for (Document candidate : session == null ? List.<Document>of() : documents(session, "rounds")) {
            if (round != null && round.equals(candidate.getInteger("round"))) {
                roundDoc = candidate;
            }
        }
        Instant startedAt = instant(conversation, "startedAt");
        String startedBy = conversation.getString("startedBy");
        List<Move> moves = new ArrayList<>();
        Set<String> people = new LinkedHashSet<>();
        List<Document> presences = documents(conversation, "presences");
        for (int i = 0; i < presences.size(); i++) {
            Document presence = presences.get(i);
            String who = presence.getString("participantId");
            people.add(who);
            Instant from = instant(presence, "from");
            boolean host = who.equals(startedBy) && from != null && from.equals(startedAt);
            moves.add(new Move(from, 1, i, host ? "STARTED" : "JOINED", who, presence.getString("arrivedFrom")));
            Instant to = instant(presence, "to");
            if (to != null) {
                moves.add(new Move(to, 0, i, "LEFT", who, presence.getString("departedTo")));
            }
        }
        List<Document> unmatched = documents(conversation, "unmatchedDepartures");
        unmatched.forEach(departure -> people.add(departure.getString("participantId")));
        Map<String, ParticipantRef> refs = participants.apply(people);
        moves.sort(Comparator.comparing(Move::at, Comparator.nullsFirst(Instant::compareTo))
                             .thenComparingInt(Move::order).thenComparingInt(Move::index));
        Set<String> present = new LinkedHashSet<>();
        List<Step> steps = new ArrayList<>();
        for (Move move : moves) {
            if ("LEFT".equals(move.kind())) {
                present.remove(move.participantId());
            } else {
                present.add(move.participantId());
            }
            ParticipantRef ref = refs.get(move.participantId());
            steps.add(new Step(move.at(), move.kind(), move.participantId(), ref.label(), ref.erased(), move.other(),
                               present.size()));
        }
        List<Step> departures = new ArrayList<>();
        for (Document departure : unmatched) {
            ParticipantRef ref = refs.get(departure.getString("participantId"));
            departures.add(new Step(instant(departure, "at"), "LEFT", ref.participantId(), ref.label(), ref.erased(),
                                    null, 0));
        }
        Instant endsAt = roundDoc == null ? null : instant(roundDoc, "closedAt");
        if (endsAt == null && session != null) {
            endsAt = instant(session, "latestEventAt");
        }
        return new PresenceTimeline(conversation.getString("_id"), conversation.getString("agendaId"), round,
                                    conversation.getString("room"),
                                    roundDoc == null ? null : instant(roundDoc, "openedAt"), startedAt, endsAt, steps,
                                    departures);
    }
}
