package org.consultationtracker.command.lookup;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** Settings of the command-side lookup ({@code consultation.lookup.*}); see docs/operations.md. */
@ConfigurationProperties("consultation.lookup")
public class LookupProperties {

    /**
     * How long a catch-up waits without progress for a position that is allocated but not yet stored (a writer in
     * flight) before it refuses the request with 503.
     */
    private Duration catchUpWait = Duration.ofSeconds(5);

    public Duration getCatchUpWait() {
        return catchUpWait;
    }

    public void setCatchUpWait(Duration catchUpWait) {
        this.catchUpWait = catchUpWait;
    }
}
