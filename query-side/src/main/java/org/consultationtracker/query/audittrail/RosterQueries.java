package org.consultationtracker.query.audittrail;

import org.consultationtracker.query.readmodel.ModelCollection;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.participants.ParticipantDirectory.ParticipantRef;
import org.consultationtracker.query.participants.ParticipantDirectory.StakeholderGroup;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.readmodel.UnknownId;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.consultationtracker.query.readmodel.Docs.instant;

/** The consultations and their registered participants, a page at a time, each page read by key. */
@Service
public class RosterQueries {

    /** {@code after}: the position of the last one already shown, or null for the first page. */
    public record ListConsultations(Integer after, int size) {
    }

    public record ListRegisteredParticipants(String consultationId, Integer after, int size) {
    }

    private final ReadModelStore store;
    private final ParticipantDirectory directory;

    public RosterQueries(ReadModelStore store, ParticipantDirectory directory) {
        this.store = store;
        this.directory = directory;
    }

    @QueryHandler
    public RosterView.ConsultationPage handle(ListConsultations query) {
        PagedLists.Slice slice = slice(ConsultationRoster.ALL_CONSULTATIONS, query.after(), query.size());
        if (slice == null) {
            return new RosterView.ConsultationPage(0, List.of(), null);
        }
        Map<String, Document> consultations = store.findAll(ModelCollection.of(ReadModel.AUDIT_TRAIL, ConsultationRoster.CONSULTATIONS),
                                                            slice.ids());
        List<RosterView.Consultation> views = new ArrayList<>();
        for (int i = 0; i < slice.ids().size(); i++) {
            String id = slice.ids().get(i);
            Document consultation = consultations.getOrDefault(id, new Document());
            views.add(new RosterView.Consultation(slice.from() + i, id, consultation.getString("title"),
                                                  consultation.getString("bigQuestion"),
                                                  instant(consultation, "startedAt"),
                                                  consultation.getInteger("registered", 0)));
        }
        return new RosterView.ConsultationPage(slice.total(), views, slice.next());
    }

    @QueryHandler
    public RosterView.ParticipantPage handle(ListRegisteredParticipants query) {
        Document consultation = store.find(ModelCollection.of(ReadModel.AUDIT_TRAIL, ConsultationRoster.CONSULTATIONS),
                                           query.consultationId());
        if (consultation == null) {
            throw new UnknownId("consultation", query.consultationId());
        }
        PagedLists.Slice slice = slice(ConsultationRoster.participantsOf(query.consultationId()), query.after(),
                                       query.size());
        if (slice == null) {
            return new RosterView.ParticipantPage(query.consultationId(), consultation.getString("title"), 0,
                                                  List.of(), null);
        }
        Map<String, ParticipantRef> refs = directory.resolve(slice.ids());
        Set<String> groupIds = new LinkedHashSet<>();
        refs.values().forEach(ref -> groupIds.addAll(ref.stakeholderGroupIds()));
        groupIds.remove(ParticipantDirectory.UNKNOWN_GROUP);
        Map<String, StakeholderGroup> groups = directory.groups(groupIds);
        List<RosterView.Participant> participants = new ArrayList<>();
        for (int i = 0; i < slice.ids().size(); i++) {
            ParticipantRef ref = refs.get(slice.ids().get(i));
            List<StakeholderGroup> theirs = new ArrayList<>();
            for (String groupId : ref.stakeholderGroupIds()) {
                theirs.add(groups.getOrDefault(groupId, new StakeholderGroup(groupId, groupId)));
            }
            participants.add(new RosterView.Participant(slice.from() + i, ref.participantId(), ref.label(),
                                                        ref.erased(), theirs));
        }
        return new RosterView.ParticipantPage(query.consultationId(), consultation.getString("title"),
                                              slice.total(), participants, slice.next());
    }

    private PagedLists.Slice slice(String listKey, Integer after, int size) {
        return PagedLists.slice(listKey, after, size,
                                key -> store.find(ModelCollection.of(ReadModel.AUDIT_TRAIL, ConsultationRoster.ROSTERS), key),
                                (collection, keys) -> store.findAll(ModelCollection.of(ReadModel.AUDIT_TRAIL, collection), keys),
                                ConsultationRoster.ROSTERS);
    }
}
