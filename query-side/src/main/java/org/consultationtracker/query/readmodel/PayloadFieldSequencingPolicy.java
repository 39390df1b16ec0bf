package org.consultationtracker.query.readmodel;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sequences events by the first of the named payload fields they carry (e.g. {@code agendaId}). A read model whose
 * documents are each keyed by one such field then has every document changed by one segment only, in event order —
 * which is what makes the per-document idempotency of {@link DocumentSession} correct. Events without any of the
 * fields fall back to their aggregate (or their own id); the read model ignores them anyway.
 */
public class PayloadFieldSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private final List<String> fields;
    private final Map<Class<?>, Optional<Method>> accessors = new ConcurrentHashMap<>();

    public PayloadFieldSequencingPolicy(String... fields) {
        this.fields = List.of(fields);
    }

    /** Agenda and participation documents hang on the session (agenda) id. */
    public static PayloadFieldSequencingPolicy bySession() {
        return new PayloadFieldSequencingPolicy("agendaId", "sessionId");
    }

    /** Directory documents hang on the participant (or, for group names, the consultation). */
    public static PayloadFieldSequencingPolicy byParticipant() {
        return new PayloadFieldSequencingPolicy("participantId", "consultationId");
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload;
        try {
            payload = event.getPayload();
        } catch (RuntimeException unreadable) {
            // a stored payload that no longer deserializes: its own aggregate is its sequence, and it gets parked
            return fallback(event);
        }
        Optional<Method> accessor = accessors.computeIfAbsent(payload.getClass(), this::accessorFor);
        if (accessor.isPresent()) {
            try {
                Object value = accessor.get().invoke(payload);
                if (value != null) {
                    return value;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read the sequencing field of " + payload.getClass(), e);
            }
        }
        return fallback(event);
    }

    private static Object fallback(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    private Optional<Method> accessorFor(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        for (String field : fields) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(field) && component.getType() == String.class) {
                    return Optional.of(component.getAccessor());
                }
            }
        }
        return Optional.empty();
    }
}
