package org.consultationtracker.query.participation;

import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.instant;

/**
 * Who was in one conversation's room when, from its recorded joins and departures: the stays the participation model
 * keeps. The same rule as the command side's warning when a key point is recorded: a stay covers a moment from its
 * arrival to its departure, both included, and a stay not left yet covers everything after its arrival. Read at query
 * time from the stored presences, so a join typed up later clears a discrepancy, and a rebuild gives the same answer.
 */
public final class RoomPresence {

    private static final RoomPresence NOBODY = new RoomPresence(Map.of());

    private final Map<String, List<Instant[]>> stays;

    private RoomPresence(Map<String, List<Instant[]>> stays) {
        this.stays = stays;
    }

    /** No joins recorded (a conversation the participation model does not know). */
    public static RoomPresence nobody() {
        return NOBODY;
    }

    static RoomPresence of(Document conversation) {
        Map<String, List<Instant[]>> stays = new LinkedHashMap<>();
        for (Document presence : documents(conversation, "presences")) {
            Instant from = instant(presence, "from");
            if (from != null) {
                stays.computeIfAbsent(presence.getString("participantId"), id -> new ArrayList<>())
                     .add(new Instant[]{from, instant(presence, "to")});
            }
        }
        return new RoomPresence(stays);
    }

    public boolean wasIn(String participantId, Instant at) {
        if (participantId == null || at == null) {
            return true;
        }
        for (Instant[] stay : stays.getOrDefault(participantId, List.of())) {
            if (!at.isBefore(stay[0]) && (stay[1] == null || !at.isAfter(stay[1]))) {
                return true;
            }
        }
        return false;
    }
}
