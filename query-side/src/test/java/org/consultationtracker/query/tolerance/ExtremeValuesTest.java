package org.consultationtracker.query.tolerance;

import org.consultationtracker.access.testing.SignedIn;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.events.Wording;
import org.consultationtracker.query.readmodel.InMemoryDocumentSession;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.support.ConsultationStory;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.Processors;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * No value the command side can have accepted - now or before its input contract - stops a read model or a query:
 * the whole reference story, with every time pushed to the edges of {@link Instant} (and of a BSON date) and every
 * text emptied or made huge, goes through every projection and every query endpoint.
 */
@QuerySideTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtremeValuesTest {

    /** How a story's times and texts are distorted. */
    enum Distortion {
        EARLIEST(instant -> Instant.MIN, text -> text),
        LATEST(instant -> Instant.MAX, text -> text),
        BEYOND_BSON_DATES(instant -> Instant.ofEpochMilli(Long.MIN_VALUE).minusSeconds(1), text -> text),
        YEAR_ZERO(instant -> Instant.parse("0000-01-01T00:00:00Z"), text -> ""),
        FAR_FUTURE_AND_HUGE(instant -> Instant.parse("9999-12-31T23:59:59.999999999Z"),
                text -> "\u00e9\ud83d\ude00".repeat(50_000)),
        MIXED_ORDER(instant -> instant.getEpochSecond() % 2 == 0 ? Instant.MAX : Instant.MIN, text -> " ");

        final UnaryOperator<Instant> time;
        final UnaryOperator<String> text;

        Distortion(UnaryOperator<Instant> time, UnaryOperator<String> text) {
            this.time = time;
            this.text = text;
        }
    }

    @Autowired
    List<Projection> projections;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MockMvc mvc;

    @ParameterizedTest
    @EnumSource(Distortion.class)
    void everyProjectionAppliesTheDistortedStory(Distortion distortion) {
        List<Object> events = distorted(distortion, "mem-" + distortion.name() + "-");
        InMemoryDocumentSession session = new InMemoryDocumentSession();
        assertThatCode(() -> new EventFeed().feed(session, projections, events.toArray()))
                .doesNotThrowAnyException();
    }

    @Test
    void theLiveReadModelsAndEveryQueryTakeTheDistortedStories() throws Exception {
        EventFeed feed = new EventFeed();
        List<String> prefixes = new ArrayList<>();
        for (Distortion distortion : Distortion.values()) {
            String prefix = "live-" + distortion.name().toLowerCase().replace('_', '-') + "-";
            prefixes.add(prefix);
            eventStore.publish(feed.messages(distorted(distortion, prefix).toArray()).toArray(new EventMessage[0]));
        }
        Processors.awaitCaughtUp(processing, engine);

        for (String p : prefixes) {
            for (String path : List.of("/api/agendas", "/api/agendas/" + p + "a",
                    "/api/participation/sessions/" + p + "a", "/api/participation/conversations/" + p + "m-2",
                    "/api/conversations/" + p + "m-2", "/api/conversations/" + p + "pr-4",
                    "/api/audit-trail/participants/" + p + "ana", "/api/audit-trail/participants/" + p + "cy",
                    "/api/audit-trail/participants?pseudonym=ANA", "/api/audit-trail/sections/" + p + "s-1", "/api/coverage",
                    "/api/audit-log", "/api/audit-log?aggregateId=" + p + "m-2", "/api/exports/coverage",
                    "/api/exports/participation/" + p + "a", "/api/exports/audit-log")) {
                MockHttpServletResponse response = mvc.perform(get(path).with(SignedIn.as("admin")))
                        .andReturn().getResponse();
                assertThat(response.getStatus()).as("GET %s -> %s", path, response.getContentAsString())
                        .isEqualTo(200);
            }
        }
    }

    static List<Object> distorted(Distortion distortion, String prefix) {
        List<Object> events = new ArrayList<>();
        for (Object event : ConsultationStory.events(prefix)) {
            events.add(distort(event, distortion));
        }
        return events;
    }

    /** A copy of a record with every instant and every free text (not ids, not ciphertexts) distorted. */
    private static Object distort(Object value, Distortion distortion) {
        if (value instanceof Instant instant) {
            return distortion.time.apply(instant);
        }
        if (value instanceof Wording wording && wording.plainText() != null) {
            return Wording.plain(distortion.text.apply(wording.plainText()));
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(element -> copy.add(distort(element, distortion)));
            return copy;
        }
        if (value == null || !value.getClass().isRecord()
                || value.getClass().getPackageName().endsWith(".events")) {
            return value;
        }
        try {
            RecordComponent[] components = value.getClass().getRecordComponents();
            Object[] arguments = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                Object component = components[i].getAccessor().invoke(value);
                types[i] = components[i].getType();
                arguments[i] = component instanceof String text && isFreeText(components[i].getName())
                        ? distortion.text.apply(text) : distort(component, distortion);
            }
            Constructor<?> constructor = value.getClass().getDeclaredConstructor(types);
            return constructor.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + value.getClass(), e);
        }
    }

    private static boolean isFreeText(String name) {
        return !name.endsWith("Id") && !name.endsWith("By") && !name.equals("attributedTo") && !name.equals("room")
                && !name.equals("presentedBy");
    }
}
