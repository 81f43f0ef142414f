package dev.tandem.query;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
 * new handlers would never see the old events. The shape version each group builds is declared by the
 * group's {@link ReadModelGroup} bean, next to its projections, and recorded in {@code read_model_versions}
 * once its read models have that shape.
 *
 * <p>The check runs inside Axon's start-up, after the processors are built and just before they start,
 * so a stale read model is never added to and no processor has to be stopped. Only the declared groups
 * are ever looked at: the notifier, running in the same process in the all-in-one launcher, declares
 * none and must never be replayed (it would message families again).
 *
 * <p>A reset claims every segment of the group. That is so on the single-node embedded default and in a
 * rolling upgrade done one node at a time; if another node holds a claim the group is left as it is,
 * with a warning, and tried again at the next start.
 */
@Component
public class ReadModelVersions implements ConfigurerModule {

    private static final Logger log = LoggerFactory.getLogger(ReadModelVersions.class);

    private final ReactiveMongoTemplate mongo;
    private final List<ReadModelGroup> declared;

    /** Two holders of one group would record each other's version in turn, so that is refused at start. */
    public ReadModelVersions(ReactiveMongoTemplate mongo, List<ReadModelGroup> declared) {
        List<String> twice = declared.stream()
                .collect(Collectors.groupingBy(ReadModelGroup::name, Collectors.counting()))
                .entrySet().stream().filter(named -> named.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        if (!twice.isEmpty()) {
            throw new IllegalStateException("Processing groups declared by more than one ReadModelGroup: " + twice);
        }
        this.mongo = mongo;
        this.declared = declared.stream().sorted(Comparator.comparing(ReadModelGroup::name)).toList();
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.onInitialize(configuration ->
                configuration.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1, () -> rebuildOutdated(configuration)));
    }

    private void rebuildOutdated(Configuration configuration) {
        EventProcessingConfiguration processing = configuration.eventProcessingConfiguration();
        declared.forEach(group -> processing.eventProcessor(group.name(), StreamingEventProcessor.class)
                .ifPresent(processor -> bringUpToDate(processing, processor, group.name(), group.version())));
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
