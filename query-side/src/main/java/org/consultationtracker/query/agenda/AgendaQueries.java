package org.consultationtracker.query.agenda;

import org.bson.Document;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.participants.ParticipantDirectoryProjection;
import org.consultationtracker.query.readmodel.AsOfBasis;
import org.consultationtracker.query.readmodel.Docs;
import org.consultationtracker.query.readmodel.EventHistory;
import org.consultationtracker.query.readmodel.InvalidFilter;
import org.consultationtracker.query.readmodel.InMemoryDocumentSession;
import org.consultationtracker.query.readmodel.ModelCollection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.readmodel.UnknownId;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Answers agenda queries from the read model, or "as of" a past moment from the events. */
@Service
public class AgendaQueries {

    /** The agenda of one session; {@code asOf} null means "now", else as of then by time said or recorded. */
    public record FindAgenda(String agendaId, Instant asOf, AsOfBasis basis) {

        public FindAgenda {
            basis = basis == null ? AsOfBasis.RECORDED : basis;
        }

        /** By time recorded. */
        public FindAgenda(String agendaId, Instant asOf) {
            this(agendaId, asOf, AsOfBasis.RECORDED);
        }
    }

    /**
     * A page of the sessions list, for a session picker: the sessions numbered above {@code after} (null: from the
     * first), at most {@code size} of them.
     */
    public record ListAgendas(Long after, int size) {
    }

    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 500;

    /**
     * One line of the agenda list: its number in the list (sessions are numbered in the order they first appear in
     * the stream), the session (agenda) id, its title and its latest framing question.
     */
    public record AgendaSummary(long number, String agendaId, String consultationId, String title,
                                String framingQuestion) {
    }

    /**
     * @param next          the number to ask {@code after} for the next page; null on the last page
     * @param totalAgendas  how many sessions the list holds
     */
    public record AgendaPage(List<AgendaSummary> agendas, Long after, int size, Long next, long totalAgendas) {
    }

    private static final ModelCollection AGENDAS = ModelCollection.of(ReadModel.AGENDA, AgendaProjection.AGENDAS);
    private static final ModelCollection LIST = ModelCollection.of(ReadModel.AGENDA, AgendaList.LIST);

    private final ReadModelStore store;
    private final ParticipantDirectory directory;
    private final EventHistory history;
    private final AgendaProjection projection;
    private final ParticipantDirectoryProjection directoryProjection;
    private final Words words;

    public AgendaQueries(ReadModelStore store, ParticipantDirectory directory, EventHistory history,
                         AgendaProjection projection, ParticipantDirectoryProjection directoryProjection,
                         Words words) {
        this.words = words;
        this.store = store;
        this.directory = directory;
        this.history = history;
        this.projection = projection;
        this.directoryProjection = directoryProjection;
    }

    @QueryHandler
    public AgendaPage handle(ListAgendas query) {
        if (query.after() != null && query.after() < 0) {
            throw new InvalidFilter("after", "must be a session number, 0 or more (the 'next' of the previous page)");
        }
        if (query.size() < 1 || query.size() > MAX_PAGE_SIZE) {
            throw new InvalidFilter("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        long after = query.after() == null ? 0 : query.after();
        Document head = store.find(LIST, AgendaList.HEAD);
        long count = head == null ? 0 : head.get("count", 0L);
        long last = Math.min(count, after + query.size());
        Map<Long, String> agendaIds = new java.util.TreeMap<>();
        if (after < last) {
            Set<String> buckets = new LinkedHashSet<>();
            for (long number = after + 1; number <= last; number += AgendaList.BUCKET) {
                buckets.add(AgendaList.bucket(number));
            }
            buckets.add(AgendaList.bucket(last));
            Map<String, Document> found = store.findAll(LIST, buckets);
            for (long number = after + 1; number <= last; number++) {
                Document bucket = found.get(AgendaList.bucket(number));
                Document numbered = bucket == null ? null : bucket.get("agendas", Document.class);
                if (numbered != null && numbered.get(Long.toString(number)) instanceof String agendaId) {
                    agendaIds.put(number, agendaId);
                }
            }
        }
        Map<String, Document> agendas = store.findAll(AGENDAS, agendaIds.values());
        List<AgendaSummary> summaries = new ArrayList<>();
        for (Map.Entry<Long, String> listed : agendaIds.entrySet()) {
            long number = listed.getKey();
            String agendaId = listed.getValue();
            Document agenda = agendas.get(agendaId);
            if (agenda == null) {
                continue;
            }
            List<Document> questions = Docs.documents(agenda, "framingQuestions");
            summaries.add(new AgendaSummary(number, agendaId, agenda.getString("consultationId"),
                                            agenda.getString("title"), questions.isEmpty() ? null
                    : questions.get(questions.size() - 1).getString("question")));
        }
        return new AgendaPage(summaries, query.after(), query.size(), last < count ? last : null, count);
    }

    /** The agenda as it stands, if the session is known: for other read models' views that show proposals. */
    public java.util.Optional<AgendaView> current(String agendaId) {
        Document agenda = agendaId == null ? null : store.find(ModelCollection.of(ReadModel.AGENDA, AgendaProjection.AGENDAS), agendaId);
        return java.util.Optional.ofNullable(agenda)
                                 .map(stored -> AgendaViews.from(stored, directory::resolve, words::say, null));
    }

    @QueryHandler
    public AgendaView handle(FindAgenda query) {
        if (query.asOf() != null) {
            InMemoryDocumentSession past = history.replayUntil(query.asOf(), query.basis(),
                                                                      List.of(projection, directoryProjection));
            Document agenda = past.collection(AgendaProjection.AGENDAS).get(query.agendaId());
            if (agenda == null) {
                throw new UnknownId("agenda as of " + query.asOf(), query.agendaId());
            }
            return AgendaViews.from(agenda, ids -> ParticipantDirectory.resolve(ids, past::findAll), words::say,
                                    query.asOf());
        }
        Document agenda = store.find(AGENDAS, query.agendaId());
        if (agenda == null) {
            throw new UnknownId("agenda", query.agendaId());
        }
        return AgendaViews.from(agenda, directory::resolve, words::say, null);
    }
}
