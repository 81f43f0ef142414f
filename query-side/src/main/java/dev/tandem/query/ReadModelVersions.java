package dev.tandem.query;

import dev.tandem.query.delivery.DeliveryProjection;
import dev.tandem.query.meeting.MeetingProjection;
import dev.tandem.query.safeguarding.ConcernListProjection;
import dev.tandem.query.timeline.TimelineProjection;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a query-side processing group's read models when the shape it stores has changed since they
 * were built: an upgraded platform keeps its old Mongo documents and its tokens, so without a replay the
 * new handlers would never see the old events. The shape version each group builds is declared next to
 * its projection and recorded in {@code read_model_versions} once its read models have that shape.
 *
 * <p>The check runs inside Axon's start-up, after the processors are built and just before they start,
 * so a stale read model is never added to and no processor has to be stopped. Only the groups named
 * here are ever looked at: the notifier, running in the same process in the all-in-one launcher, must
 * never be replayed (it would message families again).
 *
 * <p>A reset claims every segment of the group. That is so on the single-node embedded default and in a
 * rolling upgrade done one node at a time; if another node holds a claim the group is left as it is,
 * with a warning, and tried again at the next start.
 */
@Component
public class ReadModelVersions implements ConfigurerModule {

    static final Map<String, Integer> DECLARED = Map.of(
            TimelineProjection.PROCESSING_GROUP, TimelineProjection.READ_MODEL_VERSION,
            DeliveryProjection.PROCESSING_GROUP, DeliveryProjection.READ_MODEL_VERSION,
            MeetingProjection.PROCESSING_GROUP, MeetingProjection.READ_MODEL_VERSION,
            ConcernListProjection.PROCESSING_GROUP, ConcernListProjection.READ_MODEL_VERSION);

    private static final Logger log = LoggerFactory.getLogger(ReadModelVersions.class);

    private final ReactiveMongoTemplate mongo;

    public ReadModelVersions(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.onInitialize(configuration ->
                configuration.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1, () -> rebuildOutdated(configuration)));
    }

    private void rebuildOutdated(Configuration configuration) {
        EventProcessingConfiguration processing = configuration.eventProcessingConfiguration();
        DECLARED.forEach((group, declared) -> processing.eventProcessor(group, StreamingEventProcessor.class)
                .ifPresent(processor -> bringUpToDate(processing, processor, group, declared)));
    }

    private void bringUpToDate(EventProcessingConfiguration processing, StreamingEventProcessor processor,
                               String group, int declared) {
        Optional<Integer> recorded = Optional.ofNullable(Mongo.await(mongo.findById(group, Recorded.class)))
                .map(Recorded::version);
        if (recorded.equals(Optional.of(declared))) {
            return;
        }
        // Without a token the processor starts from the first event anyway, onto read models it never wrote.
        boolean tracked = processing.transactionManager(group)
                .fetchInTransaction(() -> processing.tokenStore(group).fetchSegments(group)).length > 0;
        if (recorded.isPresent() || tracked) {
            try {
                processor.resetTokens();
            } catch (UnableToClaimTokenException claimedElsewhere) {
                log.warn("Read models of processing group {} have shape version {} but version {} is built; "
                        + "another node holds a claim on the group, so it was not replayed: the operator must "
                        + "reset that group", group, recorded.map(String::valueOf).orElse("(unrecorded)"), declared);
                return;
            }
            log.info("Read models of processing group {} are rebuilt from the event store: shape version {} -> {}",
                    group, recorded.map(String::valueOf).orElse("(unrecorded)"), declared);
        }
        Mongo.await(mongo.save(new Recorded(group, declared)));
    }

    /** The shape version a processing group's read models were last built to. */
    @Document("read_model_versions")
    record Recorded(@Id String group, int version) {
    }
}
