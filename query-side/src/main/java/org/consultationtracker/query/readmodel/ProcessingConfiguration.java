package org.consultationtracker.query.readmodel;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.async.SequentialPolicy;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the read models' processors split their work (names referenced from query-side.yml). A document must only ever
 * be changed from one sequence, so each model is sequenced by the key its documents hang on.
 */
@Configuration
public class ProcessingConfiguration {

    /** Participation documents hang on the session (agenda) id. */
    @Bean
    public PayloadFieldSequencingPolicy bySession() {
        return PayloadFieldSequencingPolicy.bySession();
    }

    /**
     * The audit trail and coverage join across aggregates (a report section cites key points of many conversations,
     * an erasure touches a participant's key points everywhere), so they process in one sequence; so does the audit
     * log, whose postings and counts per filter value are shared by events of every aggregate, the agenda, whose
     * sessions list is shared by every session, and the participant directory, whose pseudonym index is shared by
     * the participants who chose the same pseudonym.
     */
    @Bean
    public SequentialPolicy inOneSequence() {
        return new SequentialPolicy();
    }

    /**
     * A projection failure must fail the batch (and be retried) rather than be logged and skipped: a skipped event
     * would leave a read model silently wrong.
     */
    /**
     * Several instances share each processor's segments: each claims at most its share among the live instances, and
     * releases the surplus when another one starts (see {@link QueryInstances}).
     */
    @Bean
    public ConfigurerModule shareSegmentsBetweenInstances(QueryInstances instances, TokenStore tokenStore) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                (configuration, builder) -> builder.maxSegmentProvider(processor ->
                        instances.share(processor, name -> tokenStore.fetchSegments(name).length)));
    }

    @Bean
    public ConfigurerModule propagateProjectionErrors() {
        return configurer -> configurer.eventProcessing()
                                       .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
