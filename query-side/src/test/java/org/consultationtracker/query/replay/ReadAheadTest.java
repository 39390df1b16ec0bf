package org.consultationtracker.query.replay;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ReadAheadTest {

    @Test
    void deliversEveryEventInStreamOrderThenSaysItIsDone() {
        EventStorageEngine engine = engineReading(LongStream.rangeClosed(1, 1_234).mapToObj(ReadAheadTest::event));

        List<Long> positions = new ArrayList<>();
        try (ReadAhead stream = ReadAhead.from(engine, null)) {
            for (List<TrackedEventMessage<?>> batch = stream.next(); batch != null; batch = stream.next()) {
                batch.forEach(event -> positions.add(event.trackingToken().position().orElseThrow()));
            }
            assertThat(stream.next()).isNull();
        }

        assertThat(positions).isEqualTo(LongStream.rangeClosed(1, 1_234).boxed().toList());
    }

    @Test
    void aFailingStreamFailsTheRebuildAfterTheEventsReadBeforeIt() {
        Stream<TrackedEventMessage<?>> failing = Stream.concat(
                LongStream.rangeClosed(1, 700).mapToObj(ReadAheadTest::event),
                Stream.<TrackedEventMessage<?>>of((TrackedEventMessage<?>) null).map(nothing -> {
                    throw new IllegalStateException("store went away");
                }));
        EventStorageEngine engine = engineReading(failing);

        try (ReadAhead stream = ReadAhead.from(engine, null)) {
            assertThat(stream.next()).hasSize(500);
            assertThat(stream.next()).hasSize(200);
            assertThatThrownBy(stream::next).hasMessage("store went away");
        }
    }

    @Test
    @Timeout(10)
    void closingEarlyStopsTheReaderOfAnEndlessStream() throws InterruptedException {
        AtomicLong position = new AtomicLong();
        EventStorageEngine engine = engineReading(Stream.generate(() -> event(position.incrementAndGet())));

        ReadAhead stream = ReadAhead.from(engine, null);
        assertThat(stream.next()).hasSize(500);
        stream.close();

        long stoppedAt = position.get(); // close() returned: it joined the reader, so nothing reads any more
        Thread.sleep(200);
        assertThat(position.get()).isEqualTo(stoppedAt);
        assertThat(stoppedAt).as("it read ahead a bounded number of batches").isLessThan(500 * 12);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static EventStorageEngine engineReading(Stream<? extends TrackedEventMessage<?>> events) {
        EventStorageEngine engine = mock(EventStorageEngine.class);
        when(engine.readEvents(any(), anyBoolean())).thenReturn((Stream) events);
        return engine;
    }

    private static TrackedEventMessage<?> event(long position) {
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                                                GenericEventMessage.asEventMessage("event " + position));
    }
}
