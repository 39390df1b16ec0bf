package org.consultationtracker.query.replay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param flushEvery events applied between two bulk writes of a rebuild
 * @param logEvery   how often a running rebuild logs its progress
 */
@ConfigurationProperties(prefix = "consultation.replay")
public record ReplayProperties(@DefaultValue("2000") int flushEvery, @DefaultValue("5s") Duration logEvery) {
}
