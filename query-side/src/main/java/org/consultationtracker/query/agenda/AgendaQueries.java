package org.consultationtracker.query.agenda;

import org.bson.Document;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.participants.ParticipantDirectoryProjection;
import org.consultationtracker.query.readmodel.EventHistory;
import org.consultationtracker.query.readmodel.InMemoryDocumentSession;
import org.consultationtracker.query.readmodel.ModelCollection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.readmodel.UnknownId;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;

/** Answers agenda queries from the read model, or "as of" a past moment from the events. */
@Service
public class AgendaQueries {

    /** The agenda of one session; {@code asOf} null means "now". */
    public record FindAgenda(String agendaId, Instant asOf) {
    }

    /** Every session's agenda, for a session picker. */
    public record ListAgendas() {
    }

    /** One line of the agenda list: the session (agenda) id, its title and its latest framing question. */
    public record AgendaSummary(String agendaId, String consultationId, String title, String framingQuestion) {
    }

    private static final ModelCollection AGENDAS = ModelCollection.of(ReadModel.AGENDA, AgendaProjection.AGENDAS);

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
    public List<AgendaSummary> handle(ListAgendas query) {
        // Ordered by when the first framing question was posed (sessions without one last), then by id.
        java.util.Map<AgendaSummary, Instant> posed = new java.util.HashMap<>();
        List<AgendaSummary> agendas = new java.util.ArrayList<>();
        for (Document agenda : store.scan(AGENDAS, new Document())) {
            List<Document> questions = org.consultationtracker.query.readmodel.Docs.documents(agenda,
                                                                                             "framingQuestions");
            AgendaSummary summary = new AgendaSummary(agenda.getString("_id"), agenda.getString("consultationId"),
                                                      agenda.getString("title"), questions.isEmpty() ? null
                    : questions.get(questions.size() - 1).getString("question"));
            agendas.add(summary);
            posed.put(summary, questions.isEmpty() ? Instant.MAX
                    : org.consultationtracker.query.readmodel.Docs.instant(questions.get(0), "at"));
        }
        agendas.sort(java.util.Comparator.<AgendaSummary, Instant>comparing(
                        a -> posed.get(a) == null ? Instant.MAX : posed.get(a))
                .thenComparing(AgendaSummary::agendaId));
        return agendas;
    }

    @QueryHandler
    public AgendaView handle(FindAgenda query) {
        if (query.asOf() != null) {
            InMemoryDocumentSession past = history.replayUntil(query.asOf(), List.of(projection, directoryProjection));
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
