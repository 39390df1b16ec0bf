package org.consultationtracker.query.participants;

import org.bson.Document;
import org.consultationtracker.query.readmodel.Docs;
import org.consultationtracker.query.readmodel.ModelCollection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;


/** Query-time lookups of labels and stakeholder groups, for every read model that names participants. */
@Component
public class ParticipantDirectory {

    private static final ModelCollection PARTICIPANTS =
            ModelCollection.of(ReadModel.PARTICIPANTS, ParticipantDirectoryProjection.PARTICIPANTS);
    private static final ModelCollection GROUPS =
            ModelCollection.of(ReadModel.PARTICIPANTS, ParticipantDirectoryProjection.GROUPS);
    private static final ModelCollection PSEUDONYMS =
            ModelCollection.of(ReadModel.PARTICIPANTS, ParticipantDirectoryProjection.PSEUDONYMS);

    public static final String ERASED_LABEL = "an erased participant";
    public static final String UNKNOWN_GROUP = "unregistered";

    private final ReadModelStore store;

    public ParticipantDirectory(ReadModelStore store) {
        this.store = store;
    }

    /** What the views show for a participant: the pseudonym, or a neutral label after erasure. */
    public record ParticipantRef(String participantId, String label, boolean erased, List<String> stakeholderGroupIds) {
    }

    public record StakeholderGroup(String groupId, String name) {
    }

    /**
     * How a participant was erased and on whose request.
     *
     * @param requestedBy      THE_PARTICIPANT, ON_THEIR_BEHALF, or NOT_RECORDED for erasures from before this was asked
     * @param reason           why, as the requester gave it; null when not recorded
     * @param requestReference where a request made on their behalf is recorded; null when none was given
     */
    public record Erasure(String contributionPolicy, String requestedBy, String reason, String requestReference,
                          Instant at) {
    }

    /** One change to a consent: given ({@code given}) or withdrawn, for a {@code ConsentPurpose}. */
    public record ConsentChange(String purpose, boolean given, Instant at) {
    }

    public Map<String, ParticipantRef> resolve(Collection<String> participantIds) {
        return resolve(participantIds,
                       (collection, ids) -> store.findAll(
                ModelCollection.of(ReadModel.PARTICIPANTS, collection), ids));
    }

    /** Resolution against any source of directory documents (the "as of" views use an in-memory one). */
    public static Map<String, ParticipantRef> resolve(Collection<String> participantIds,
                                                      BiFunction<String, Collection<String>, Map<String, Document>> source) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(participantIds));
        ids.removeIf(java.util.Objects::isNull);
        Map<String, Document> documents = source.apply(ParticipantDirectoryProjection.PARTICIPANTS, ids);
        Map<String, ParticipantRef> refs = new LinkedHashMap<>();
        for (String id : ids) {
            Document document = documents.get(id);
            refs.put(id, toRef(id, document));
        }
        return refs;
    }

    /** The directory entry of a participant, or null when they were never registered. */
    public Document entry(String participantId) {
        return store.find(PARTICIPANTS, participantId);
    }

    /** The reference for a directory entry ({@code document}), or for an unregistered id when it is null. */
    public static ParticipantRef toRef(String id, Document document) {
        if (document == null) {
            return new ParticipantRef(id, "unregistered participant " + id, false, List.of(UNKNOWN_GROUP));
        }
        boolean erased = document.getBoolean("erased", false);
        List<String> groups = Docs.strings(document, "stakeholderGroupIds");
        return new ParticipantRef(id, erased ? ERASED_LABEL : document.getString("pseudonym"), erased,
                                  groups.isEmpty() ? List.of(UNKNOWN_GROUP) : groups);
    }

    /** The purposes each participant currently consents to ({@code ConsentPurpose} names); none when unregistered. */
    public Map<String, List<String>> consents(Collection<String> participantIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(participantIds));
        ids.removeIf(java.util.Objects::isNull);
        Map<String, Document> documents = store.findAll(PARTICIPANTS, ids);
        Map<String, List<String>> consents = new LinkedHashMap<>();
        for (String id : ids) {
            consents.put(id, consentsIn(documents.get(id)));
        }
        return consents;
    }

    /** The purposes a directory entry consents to now; none when there is no entry. */
    public static List<String> consentsIn(Document document) {
        return document == null ? List.of() : List.copyOf(Docs.strings(document, "consents"));
    }

    /** The erasure recorded in a directory entry, or null when there is no entry or it was not erased. */
    public static Erasure erasureIn(Document document) {
        if (document == null || !document.getBoolean("erased", false)) {
            return null;
        }
        return new Erasure(document.getString("contributionPolicy"), document.getString("erasureRequestedBy"),
                           document.getString("erasureReason"), document.getString("erasureRequestReference"),
                           Docs.instant(document, "erasedAt"));
    }

    /** Every consent given or withdrawn, oldest first; none when there is no entry. */
    public static List<ConsentChange> consentHistoryIn(Document document) {
        List<ConsentChange> history = new ArrayList<>();
        if (document != null) {
            for (Document change : Docs.documents(document, "consentHistory")) {
                history.add(new ConsentChange(change.getString("purpose"), change.getBoolean("given", false),
                                              Docs.instant(change, "at")));
            }
        }
        return history;
    }

    /**
     * The participant currently holding {@code pseudonym} (a key lookup in the pseudonym index); erased participants
     * cannot be found this way. Pseudonyms are not unique: when several participants hold one, the one who
     * registered first with it answers.
     */
    public Optional<String> idForPseudonym(String pseudonym) {
        Document index = store.find(PSEUDONYMS, pseudonym);
        List<String> holders = index == null ? List.of() : Docs.strings(index, "holders");
        return holders.isEmpty() ? Optional.empty() : Optional.of(holders.get(0));
    }

    public Map<String, String> groupNames(Collection<String> groupIds) {
        return groupNames(groupIds, (collection, ids) -> store.findAll(
                ModelCollection.of(ReadModel.PARTICIPANTS, collection), ids));
    }

    public static Map<String, String> groupNames(Collection<String> groupIds,
                                                 BiFunction<String, Collection<String>, Map<String, Document>> source) {
        Map<String, Document> documents = source.apply(ParticipantDirectoryProjection.GROUPS, groupIds);
        Map<String, String> names = new LinkedHashMap<>();
        for (String id : groupIds) {
            Document document = documents.get(id);
            names.put(id, document != null ? document.getString("name")
                    : UNKNOWN_GROUP.equals(id) ? "not registered" : id);
        }
        return names;
    }

    public Map<String, StakeholderGroup> groups(Collection<String> groupIds) {
        Map<String, Document> documents = store.findAll(GROUPS, groupIds);
        Map<String, StakeholderGroup> groups = new LinkedHashMap<>();
        for (String id : groupIds) {
            Document document = documents.get(id);
            groups.put(id, new StakeholderGroup(id, document == null ? id : document.getString("name")));
        }
        return groups;
    }
}
