package org.consultationtracker.importer;

import org.consultationtracker.importer.Dataset.AttendeeRole;
import org.consultationtracker.importer.Dataset.Conversation;
import org.consultationtracker.importer.Dataset.Mention;
import org.consultationtracker.importer.Dataset.Participant;
import org.consultationtracker.importer.Dataset.ParticipantCount;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who sat in which room. The report gives one number per conversation and, in four conversations, the roles of some
 * attendees; it never says which of the 97 people were in which room. This plan fills each room up to its number,
 * deterministically, and keeps apart what the dataset states from what is derived:
 * <ul>
 *   <li><b>from the dataset:</b> the host (the proposer, A-06) and the attendees the report describes by role with a
 *       definite number (their ids are in {@code attendeeRoles[].participants});</li>
 *   <li><b>derived:</b> everyone else. They are taken, in id order, first from the participants linked to nothing
 *       (p-052..p-097), then from the proposers of the other rounds; only participants the report says nothing
 *       about, so a derived attendee never adds a stakeholder group to a room. Nobody is in two rooms of a round.</li>
 * </ul>
 * The number per room is the dataset's {@code participantCount.total}; where the report leaves open whether the
 * proposer is counted ({@code total} null), it is the smallest number the dataset allows: {@code totalMin}, or more
 * if the host and the role-described attendees (separate ids, A-03) are more than that.
 */
public final class AttendancePlan {

    /** One room: its host, the attendees the dataset names and the derived ones, in joining order. */
    public record Room(String conversationId, int round, String hostId, List<String> describedAttendees,
                       List<String> derivedAttendees, int number) {

        public List<String> attendees() {
            List<String> all = new ArrayList<>(describedAttendees);
            all.addAll(derivedAttendees);
            return all;
        }
    }

    private final Map<String, Room> rooms = new LinkedHashMap<>();

    public AttendancePlan(Dataset dataset) {
        Map<String, Participant> participants = new LinkedHashMap<>();
        dataset.participants().stream().sorted(Comparator.comparing(Participant::id))
                .forEach(p -> participants.put(p.id(), p));
        for (Dataset.Round round : dataset.rounds()) {
            planRound(dataset, round.number(), participants);
        }
    }

    /** The number the importer records for a conversation (see the class comment). */
    public static int number(Conversation conversation) {
        ParticipantCount count = conversation.participantCount();
        if (count.total() != null) {
            return count.total();
        }
        if (count.totalMin() == null) {
            throw new IllegalArgumentException("conversation " + conversation.id() + " has neither total nor totalMin");
        }
        return Math.max(count.totalMin(), 1 + described(conversation).size());
    }

    private static List<String> described(Conversation conversation) {
        List<String> ids = new ArrayList<>();
        for (AttendeeRole role : conversation.attendeeRoles()) {
            if (role.participants() != null) {
                ids.addAll(role.participants());
            }
        }
        return ids;
    }

    private void planRound(Dataset dataset, int round, Map<String, Participant> participants) {
        List<Conversation> conversations = dataset.conversationsOf(round);
        Set<String> inThisRound = new HashSet<>();
        for (Conversation conversation : conversations) {
            claim(inThisRound, conversation.host(), conversation, participants);
            for (String id : described(conversation)) {
                claim(inThisRound, id, conversation, participants);
            }
        }
        Deque<String> pool = new ArrayDeque<>();
        participants.values().stream()
                .filter(Participant::undescribed)
                .filter(p -> p.mentionedIn().isEmpty())
                .map(Participant::id).filter(id -> !inThisRound.contains(id)).forEach(pool::add);
        participants.values().stream()
                .filter(Participant::undescribed)
                .filter(p -> !p.mentionedIn().isEmpty() && proposerOnlyInOtherRounds(dataset, p, round))
                .map(Participant::id).filter(id -> !inThisRound.contains(id)).forEach(pool::add);

        for (Conversation conversation : conversations) {
            List<String> describedAttendees = described(conversation);
            int number = number(conversation);
            Integer max = conversation.participantCount().totalMax();
            if (max != null && number > max) {
                throw new IllegalArgumentException("conversation " + conversation.id() + " names " + number
                        + " people but its count allows at most " + max);
            }
            int missing = number - 1 - describedAttendees.size();
            if (missing < 0) {
                throw new IllegalArgumentException("conversation " + conversation.id() + " has " + number
                        + " participants, fewer than its host and the " + describedAttendees.size()
                        + " attendees the report describes");
            }
            List<String> derived = new ArrayList<>();
            for (int i = 0; i < missing; i++) {
                String id = pool.pollFirst();
                if (id == null) {
                    throw new IllegalArgumentException("round " + round + " needs more participants than the "
                            + "dataset has free for it (at " + conversation.id() + ")");
                }
                inThisRound.add(id);
                derived.add(id);
            }
            rooms.put(conversation.id(), new Room(conversation.id(), round, conversation.host(),
                    List.copyOf(describedAttendees), List.copyOf(derived), number));
        }
    }

    private static boolean proposerOnlyInOtherRounds(Dataset dataset, Participant participant, int round) {
        for (Mention mention : participant.mentionedIn()) {
            if (!"proposer".equals(mention.role()) || dataset.conversation(mention.conversation()).round() == round) {
                return false;
            }
        }
        return true;
    }

    private static void claim(Set<String> inThisRound, String participantId, Conversation conversation,
                              Map<String, Participant> participants) {
        if (!participants.containsKey(participantId)) {
            throw new IllegalArgumentException("conversation " + conversation.id() + " names unknown participant "
                    + participantId);
        }
        if (!inThisRound.add(participantId)) {
            throw new IllegalArgumentException(participantId + " would be in two rooms of round "
                    + conversation.round() + " (again at " + conversation.id() + ")");
        }
    }

    public Room room(String conversationId) {
        Room room = rooms.get(conversationId);
        if (room == null) {
            throw new IllegalArgumentException("no room planned for " + conversationId);
        }
        return room;
    }

    public List<Room> rooms() {
        return List.copyOf(rooms.values());
    }
}
