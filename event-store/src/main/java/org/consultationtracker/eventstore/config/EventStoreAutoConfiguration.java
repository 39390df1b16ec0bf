package org.consultationtracker.eventstore.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.bson.Document;
import org.consultationtracker.eventstore.engine.EventStoreMetrics;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;
import org.consultationtracker.eventstore.privacy.KeyVault;
import org.consultationtracker.eventstore.privacy.MasterKeys;
import org.consultationtracker.eventstore.upcasting.AuthoredWordsUpcaster;
import org.consultationtracker.eventstore.upcasting.ProposalSplitUpcaster;
import org.consultationtracker.eventstore.upcasting.ReportPublishedUpcaster;
import org.consultationtracker.eventstore.upcasting.ParticipantErasedUpcaster;
import org.consultationtracker.eventstore.verify.ChainVerifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one place both services get their MongoDB client, serializers, event store and token store from. Runs before
 * Axon's and Spring Boot's own auto-configuration so theirs step aside.
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, MongoAutoConfiguration.class})
@EnableConfigurationProperties({StoreProperties.class, MasterKeyProperties.class})
public class EventStoreAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public StoreConnection storeConnection(StoreProperties properties) {
        return StoreConnection.resolve(properties);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public MongoClient mongoClient(StoreConnection connection) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connection.uri()))
                .applicationName("consultation-tracker")
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(5, TimeUnit.SECONDS))
                .build();
        MongoClient client = MongoClients.create(settings);
        try {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
        } catch (RuntimeException e) {
            client.close();
            throw new StoreUnavailableException(connection.redactedUri(), e);
        }
        return client;
    }

    @Bean
    @ConditionalOnMissingBean
    public MongoDatabase mongoDatabase(MongoClient client, StoreProperties properties) {
        return client.getDatabase(properties.getDatabase());
    }

    /** Old {@code ParticipantErased} events (revision 1) read with "who asked" not recorded. */
    @Bean
    public EventUpcaster participantErasedUpcaster() {
        return new ParticipantErasedUpcaster();
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return EventSerialization.serializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /** Event shapes that changed: each older revision is read as the current one (docs/events.md). */
    @Bean
    public ReportPublishedUpcaster reportPublishedUpcaster() {
        return new ReportPublishedUpcaster();
    }

    /** Old {@code ProposalSplit} events (revision 1) read with every part hosted by the original's hosts. */
    @Bean
    public ProposalSplitUpcaster proposalSplitUpcaster() {
        return new ProposalSplitUpcaster();
    }

    @Bean
    public EventStoreMetrics eventStoreMetrics(MeterRegistry registry) {
        return new EventStoreMetrics(registry);
    }

    @Bean
    @ConditionalOnMissingBean(EventStorageEngine.class)
    public MongoCommitStorageEngine eventStorageEngine(MongoDatabase database,
                                                       Serializer serializer,
                                                       StoreProperties properties,
                                                       EventStoreMetrics metrics,
                                                       ObjectProvider<EventUpcaster> upcasters) {
        List<EventUpcaster> chain = upcasters.orderedStream().toList();
        return MongoCommitStorageEngine.builder()
                                       .database(database)
                                       .eventSerializer(serializer)
                                       .snapshotSerializer(serializer)
                                       .upcasterChain(new EventUpcasterChain(chain))
                                       .gapTimeout(properties.getGapTimeout())
                                       .batchSize(properties.getBatchSize())
                                       .metrics(metrics)
                                       .build();
    }

    /*
     * Upcasters both services need: every reader of the store (aggregates, read models, replays, "as of" views) must
     * see old events in their current shape. The storage engine above collects every EventUpcaster bean.
     */

    @Bean
    public AuthoredWordsUpcaster conversationProposedUpcaster() {
        return AuthoredWordsUpcaster.conversationProposed();
    }

    @Bean
    public AuthoredWordsUpcaster proposalPitchedUpcaster() {
        return AuthoredWordsUpcaster.proposalPitched();
    }

    @Bean
    public AuthoredWordsUpcaster proposalClarifiedUpcaster() {
        return AuthoredWordsUpcaster.proposalClarified();
    }

    @Bean
    public AuthoredWordsUpcaster conversationScheduledUpcaster() {
        return AuthoredWordsUpcaster.conversationScheduled();
    }

    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    @ConditionalOnMissingBean(EventStore.class)
    public EmbeddedEventStore eventStore(EventStorageEngine engine,
                                         Configuration configuration,
                                         StoreProperties properties) {
        return EmbeddedEventStore.builder()
                                 .storageEngine(engine)
                                 .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                                 .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                                 .fetchDelay(properties.getFetchDelay().toMillis())
                                 .build();
    }

    @Bean
    @ConditionalOnMissingBean(TokenStore.class)
    public TokenStore tokenStore(MongoClient client, StoreProperties properties, Serializer serializer) {
        MongoTokenStore tokenStore = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                                                   .mongoDatabase(client, properties.getDatabase())
                                                   .build())
                .serializer(serializer)
                .build();
        tokenStore.ensureIndexes();
        return tokenStore;
    }

    @Bean
    @ConditionalOnMissingBean
    public ChainVerifier chainVerifier(MongoDatabase database) {
        return new ChainVerifier(database);
    }

    /**
     * The key vault, brought up to date before anyone uses it: keys left in clear by an older version are wrapped,
     * a rotation in progress is carried on, and keys no configured master key can open refuse the start.
     */
    @Bean
    @ConditionalOnMissingBean
    public KeyVault keyVault(MongoDatabase database, MasterKeys masterKeys) {
        KeyVault vault = new KeyVault(database, masterKeys);
        vault.bringUpToDate();
        return vault;
    }

    /** Needs the store first: an unreachable store is reported before a missing master key. */
    @Bean
    @ConditionalOnMissingBean
    public MasterKeys masterKeys(MongoDatabase database, MasterKeyProperties keys, StoreProperties store) {
        return MasterKeySources.resolve(keys, store, () -> KeyVault.holdsWrappedKeys(database));
    }

    @Bean
    public EventStoreHealthIndicator eventStoreHealthIndicator(MongoDatabase database, StoreConnection connection) {
        return new EventStoreHealthIndicator(database, connection);
    }
}
