package dev.tandem.query.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.tandem.api.delivery.FetchDeliveries;
import dev.tandem.api.delivery.NotificationFailed;
import dev.tandem.api.delivery.NotificationHeldBack;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.delivery.NotificationSkipped;
import dev.tandem.api.delivery.NotificationStatusReported;
import dev.tandem.api.delivery.ProviderStatus;
import dev.tandem.api.delivery.UpdateDeliveries;
import dev.tandem.api.delivery.UpdateDeliveries.Status;
import dev.tandem.query.Mongo;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Delivery status of each update: one row per carer and channel tried, keyed by update, carer and
 * channel so that a replay rewrites the same rows. A notification held back for a carer shows as one
 * PENDING row without a channel (a key of its own, never the skipped row's) until its outcome arrives.
 */
@Component
@ProcessingGroup(DeliveryProjection.PROCESSING_GROUP)
public class DeliveryProjection implements InitializingBean {

    public static final String PROCESSING_GROUP = "deliveries";

    /** The shape of the stored delivery rows. Raise it whenever that shape changes: the next start rebuilds them. */
    public static final int READ_MODEL_VERSION = 1;

    private final ReactiveMongoTemplate mongo;

    DeliveryProjection(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        Mongo.await(mongo.indexOps(DeliveryDocument.class).createIndex(new Index()
                .on("updateId", Sort.Direction.ASC).named("by_update")));
    }

    /** Rewritten, not added to, when the notifier holds it back again (the carer moved their quiet hours). */
    @EventHandler
    void on(NotificationHeldBack event) {
        String id = heldBackId(event.updateId(), event.carerId());
        Mongo.await(mongo.save(new DeliveryDocument(id, event.updateId(), event.carerId(), null, event.language(),
                Status.PENDING, "held back for " + event.reason() + " until " + event.until(), event.heldBackAt())));
    }

    @EventHandler
    void on(NotificationSent event) {
        settled(event.updateId(), event.carerId());
        save(event.updateId(), event.carerId(), event.channel().name(), event.language(), Status.SENT, null,
                event.sentAt());
    }

    @EventHandler
    void on(NotificationFailed event) {
        settled(event.updateId(), event.carerId());
        save(event.updateId(), event.carerId(), event.channel().name(), event.language(), Status.FAILED,
                event.reason(), event.failedAt());
    }

    /** A provider's later report: the status only moves forward (a late "sent" never undoes "delivered"). */
    @EventHandler
    void on(NotificationStatusReported event) {
        save(event.updateId(), event.carerId(), event.channel().name(), null, status(event.status()),
                event.errorCode() == null ? null : "error " + event.errorCode(), event.reportedAt());
    }

    @EventHandler
    void on(NotificationSkipped event) {
        settled(event.updateId(), event.carerId());
        save(event.updateId(), event.carerId(), null, null, Status.SKIPPED, event.reason(), event.skippedAt());
    }

    @ResetHandler
    void reset() {
        Mongo.await(mongo.dropCollection(DeliveryDocument.class));
        afterPropertiesSet();
    }

    @QueryHandler
    CompletableFuture<UpdateDeliveries> handle(FetchDeliveries query) {
        Query rows = Query.query(where("updateId").is(query.updateId()))
                .with(Sort.by(Sort.Order.asc("updatedAt"), Sort.Order.asc("_id")));
        return mongo.find(rows, DeliveryDocument.class)
                .map(DeliveryDocument::toDelivery)
                .collectList()
                .map(UpdateDeliveries::new)
                .toFuture();
    }

    /** What was held back for the carer has an outcome now, so only the outcome's rows are shown. */
    private void settled(String updateId, String carerId) {
        Mongo.await(mongo.remove(Query.query(where("_id").is(heldBackId(updateId, carerId))), DeliveryDocument.class));
    }

    private static String heldBackId(String updateId, String carerId) {
        return updateId + ":" + carerId + ":HELD_BACK";
    }

    /**
     * Writes a row unless it already stands further along: the provider's report can overtake the
     * notifier's own "sent" event, and a replay brings the events again. One processor thread owns
     * this group, so reading then writing is safe.
     */
    private void save(String updateId, String carerId, String channel, String language, Status status, String detail,
                      Instant at) {
        String id = updateId + ":" + carerId + ":" + (channel == null ? "NONE" : channel);
        DeliveryDocument existing = Mongo.await(mongo.findById(id, DeliveryDocument.class));
        if (existing != null && rank(existing.status()) > rank(status)) {
            return;
        }
        String knownLanguage = language != null || existing == null ? language : existing.language();
        Mongo.await(mongo.save(new DeliveryDocument(id, updateId, carerId, channel, knownLanguage, status, detail, at)));
    }

    private static int rank(Status status) {
        return switch (status) {
            case PENDING -> 0;
            case SENT, SKIPPED -> 1;
            case DELIVERED, FAILED -> 2;
        };
    }

    private static Status status(ProviderStatus reported) {
        return switch (reported) {
            case SENT -> Status.SENT;
            case DELIVERED -> Status.DELIVERED;
            case FAILED -> Status.FAILED;
        };
    }

    @Document("deliveries")
    record DeliveryDocument(@Id String id, String updateId, String carerId, String channel, String language,
                            Status status, String detail, Instant updatedAt) {

        UpdateDeliveries.Delivery toDelivery() {
            return new UpdateDeliveries.Delivery(carerId, channel, language, status, detail, updatedAt);
        }
    }
}
