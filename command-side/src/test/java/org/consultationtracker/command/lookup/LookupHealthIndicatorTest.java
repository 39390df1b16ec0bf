package org.consultationtracker.command.lookup;

import org.consultationtracker.events.agenda.RoundOpened;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** DOWN only once the lookup has been behind by more than the allowed lag for longer than the allowed time. */
class LookupHealthIndicatorTest {

    private static final Instant AT = Instant.parse("2021-06-12T10:00:00Z");

    private final StoreWithLookup store = new StoreWithLookup(Duration.ofSeconds(10));
    private Instant now = AT;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void behindByMoreThanAllowedForLongerThanAllowedIsDown() {
        LookupCatchUp catchUp = store.catchUp(store.lookupStore(), Duration.ofSeconds(5));
        LookupHealthIndicator health = new LookupHealthIndicator(catchUp, 2, Duration.ofSeconds(30), clock);
        for (int round = 1; round <= 3; round++) {
            store.append(new RoundOpened("create", round, AT));
        }

        Health first = health.health();
        now = now.plusSeconds(29);
        Health stillWithinTime = health.health();
        now = now.plusSeconds(1);
        Health tooLong = health.health();
        catchUp.catchUp();
        Health caughtUp = health.health();

        assertThat(first.getStatus()).isEqualTo(Status.UP);
        assertThat(first.getDetails()).containsEntry("lag", 3L).containsEntry("behindSince", AT.toString());
        assertThat(stillWithinTime.getStatus()).isEqualTo(Status.UP);
        assertThat(tooLong.getStatus()).isEqualTo(Status.DOWN);
        assertThat(tooLong.getDetails()).containsEntry("lag", 3L).containsEntry("maxLag", 2L);
        assertThat(caughtUp.getStatus()).isEqualTo(Status.UP);
        assertThat(caughtUp.getDetails()).containsEntry("lag", 0L).doesNotContainKey("behindSince");
    }

    @Test
    void withinTheAllowedLagIsUpHoweverLong() {
        LookupCatchUp catchUp = store.catchUp(store.lookupStore(), Duration.ofSeconds(5));
        LookupHealthIndicator health = new LookupHealthIndicator(catchUp, 2, Duration.ofSeconds(30), clock);
        store.append(new RoundOpened("create", 1, AT), new RoundOpened("create", 2, AT));

        health.health();
        now = now.plus(Duration.ofHours(1));

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }
}
