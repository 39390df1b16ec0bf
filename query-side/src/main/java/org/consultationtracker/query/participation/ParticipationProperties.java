package org.consultationtracker.query.participation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param sustainedThreshold how long a number must be held to count as "sustained" (default 10 minutes)
 * @param initialWindow      the "initial" number is the number present this long after the start (default 5 minutes)
 */
@ConfigurationProperties(prefix = "consultation.participation")
public record ParticipationProperties(@DefaultValue("10m") Duration sustainedThreshold,
                                      @DefaultValue("5m") Duration initialWindow) {
}
