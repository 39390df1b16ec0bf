package org.consultationtracker.eventstore.embedded;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file backend's page cache: a quarter of the heap unless configured, and a clear refusal of a bad setting. */
class StoreCacheSizeTest {

    private static final long GIGABYTE = 1024L * 1024 * 1024;

    @Test
    void aQuarterOfTheHeapWithinH2sDefaultAndFourGigabytes() {
        assertThat(DurableH2Backend.cacheMegabytes(null, 6 * GIGABYTE)).isEqualTo(1536);
        assertThat(DurableH2Backend.cacheMegabytes(" ", 32 * 1024 * 1024)).isEqualTo(16);
        assertThat(DurableH2Backend.cacheMegabytes(null, 64 * GIGABYTE)).isEqualTo(4096);
    }

    @Test
    void aConfiguredSizeIsTakenAsItIs() {
        assertThat(DurableH2Backend.cacheMegabytes("256", 6 * GIGABYTE)).isEqualTo(256);
        assertThat(DurableH2Backend.cacheMegabytes(" 8192 ", GIGABYTE)).isEqualTo(8192);
    }

    @Test
    void anythingButAWholePositiveNumberOfMegabytesIsRefused() {
        for (String bad : new String[] {"0", "-5", "1.5", "512MB", "lots", "99999999999"}) {
            assertThatThrownBy(() -> DurableH2Backend.cacheMegabytes(bad, GIGABYTE)).as(bad)
                    .isInstanceOf(EmbeddedStoreException.class)
                    .hasMessageContaining("CONSULTATION_STORE_CACHE_MB").hasMessageContaining(bad);
        }
    }
}
