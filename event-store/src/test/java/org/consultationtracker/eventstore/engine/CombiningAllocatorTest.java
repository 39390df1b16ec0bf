package org.consultationtracker.eventstore.engine;

import org.consultationtracker.eventstore.conformance.StoreUnderTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Writers sharing counter round trips still each get a range of their own, and together every position once. */
class CombiningAllocatorTest {

    @Test
    void concurrentWritersGetDisjointRangesCoveringEveryPosition() throws Exception {
        try (StoreUnderTest store = new StoreUnderTest()) {
            PositionAllocator counter = new PositionAllocator(store.freshDatabase().getCollection("sequences"));
            counter.ensureCounter();
            CombiningAllocator allocator = new CombiningAllocator(counter);
            ExecutorService pool = Executors.newFixedThreadPool(32);
            List<Future<List<long[]>>> writers = new ArrayList<>();
            for (int w = 0; w < 32; w++) {
                writers.add(pool.submit(() -> {
                    List<long[]> ranges = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        int count = 1 + ThreadLocalRandom.current().nextInt(5);
                        ranges.add(new long[]{allocator.allocate(count), count});
                    }
                    return ranges;
                }));
            }
            BitSet taken = new BitSet();
            long total = 0;
            for (Future<List<long[]>> writer : writers) {
                for (long[] range : writer.get(60, TimeUnit.SECONDS)) {
                    for (long p = range[0]; p < range[0] + range[1]; p++) {
                        assertThat(taken.get((int) p)).as("position %d handed out twice", p).isFalse();
                        taken.set((int) p);
                    }
                    total += range[1];
                }
            }
            pool.shutdown();
            assertThat(taken.cardinality()).isEqualTo((int) total);
            assertThat(taken.nextSetBit(0)).isEqualTo(1);
            assertThat(taken.length() - 1).as("no position skipped").isEqualTo((int) total);
            assertThat(counter.head()).isEqualTo(total);
        }
    }
}
