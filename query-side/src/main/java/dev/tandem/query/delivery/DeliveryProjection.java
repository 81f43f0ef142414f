package dev.tandem.query.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.tandem.api.delivery.FetchDeliveries;
import dev.tandem.api.delivery.NotificationFailed;
import dev.tandem.api.delivery.NotificationHeldBack;
import dev.tandem.api.delivery.NotificationKind;
import dev.tandem.api.delivery.NotificationRetryScheduled;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.delivery.NotificationSkipped;
import dev.tandem.api.delivery.NotificationStatusReported;
import dev.tandem.api.delivery.ProviderStatus;
import dev.tandem.api.delivery.UpdateDeliveries;
import dev.tandem.api.delivery.UpdateDeliveries.Status;
import dev.tandem.api.family.FamilyErased;
import dev.tandem.query.Erasure;
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
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Delivery status of each update: one row per telling ({@code kind}), carer and channel tried, keyed so
 * that a replay rewrites the same rows. A notification held back for a carer shows as one PENDING row
 * without a channel (a key of its own, never the skipped row's), with the time it will go, until its
 * outcome arrives; one waiting for a retry shows PENDING on its channel with its attempts and the time
 * of the next one. A row moves forward only for the same notification (a provider's late "sent" never
 * undoes "delivered"); a later telling of the same kind (a meeting moved twice) replaces it.
 */
@Component
@ProcessingGroup(DeliveriesGroup.NAME)
public class DeliveryProjection implements InitializingBean {

    private static final String HELD_BACK = "HELD_BACK";
    private static final String NONE = "NONE";

    private final ReactiveMongoTemplate mongo;

    DeliveryProjection(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        Mongo.await(mongo.indexOps(DeliveryDocument.class).createIndex(new Index()
                .on("updateId", Sort.Direction.ASC).named("by_update")));
        Mongo.await(mongo.indexOps(DeliveryDocument.class).createIndex(new Index()
                .on("notificationId", Sort.Direction.ASC).named("by_notification")));
    }

    /** Rewritten, not added to, when the notifier holds it back again (the carer moved their quiet hours). */
    @EventHandler
    void on(NotificationHeldBack event) {
        NotificationKind kind = NotificationKind.orShared(event.kind());
        Mongo.await(mongo.save(new DeliveryDocument(key(event.updateId(), event.carerId(), kind, HELD_BACK), null,
                event.updateId(), event.carerId(), null, event.language(), Status.PENDING,
                "held back for " + event.reason() + " until " + event.until(), event.heldBackAt(), kind, 0,
                event.until(), null, null)));
    }

    @EventHandler
    void on(NotificationRetryScheduled event) {
        NotificationKind kind = NotificationKind.orShared(event.kind());
        settled(event.updateId(), event.carerId(), kind);
        save(new DeliveryDocument(key(event.updateId(), event.carerId(), kind, event.channel().name()),
                event.notificationId(), event.updateId(), event.carerId(), event.channel().name(), event.language(),
                Status.PENDING, event.reason(), event.scheduledAt(), kind, event.attempts(), event.nextAttemptAt(),
                event.segments(), event.encoding()));
    }

    @EventHandler
    void on(NotificationSent event) {
        NotificationKind kind = NotificationKind.orShared(event.kind());
        settled(event.updateId(), event.carerId(), kind);
        save(new DeliveryDocument(key(event.updateId(), event.carerId(), kind, event.channel().name()),
                event.notificationId(), event.updateId(), event.carerId(), event.channel().name(), event.language(),
                Status.SENT, null, event.sentAt(), kind, attempts(event.attempts()), null, event.segments(),
                event.encoding()));
    }

    @EventHandler
    void on(NotificationFailed event) {
        NotificationKind kind = NotificationKind.orShared(event.kind());
        settled(event.updateId(), event.carerId(), kind);
        save(new DeliveryDocument(key(event.updateId(), event.carerId(), kind, event.channel().name()),
                event.notificationId(), event.updateId(), event.carerId(), event.channel().name(), event.language(),
                Status.FAILED, event.reason(), event.failedAt(), kind, attempts(event.attempts()), null,
                event.segments(), event.encoding()));
    }

    /** A provider's later report on a message it took: moves that notification's row forward only. */
    @EventHandler
    void on(NotificationStatusReported event) {
        DeliveryDocument existing = byNotification(event.notificationId());
        String detail = event.errorCode() == null ? null : "error " + event.errorCode();
        Status status = status(event.status());
        if (existing == null) {
            // the report overtook the notifier's own "sent" event; that event fills in the rest
            save(new DeliveryDocument(key(event.updateId(), event.carerId(), NotificationKind.SHARED,
                    event.channel().name()), event.notificationId(), event.updateId(), event.carerId(),
                    event.channel().name(), null, status, detail, event.reportedAt(), NotificationKind.SHARED, 1,
                    null, null, null));
            return;
        }
        if (rank(existing.status()) > rank(status)) {
            return;
        }
        Mongo.await(mongo.save(existing.moved(status, detail, event.reportedAt())));
    }

    /** Nothing was sent to the carer for this telling: whatever was waiting for them gives way to the reason. */
    @EventHandler
    void on(NotificationSkipped event) {
        NotificationKind kind = NotificationKind.orShared(event.kind());
        settled(event.updateId(), event.carerId(), kind);
        Mongo.await(mongo.remove(Query.query(where("updateId").is(event.updateId()).and("carerId").is(event.carerId())
                .and("kind").is(kind).and("status").is(Status.PENDING)), DeliveryDocument.class));
        save(new DeliveryDocument(key(event.updateId(), event.carerId(), kind, NONE), null, event.updateId(),
                event.carerId(), null, null, Status.SKIPPED, event.reason(), event.skippedAt(), kind, 0, null, null,
                null));
    }

    /**
     * What each row says of the family's carers (a provider's refusal may quote their address) reads as
     * erased; how each telling fared (status, channel, kind, attempts) stays.
     */
    @EventHandler
    void on(FamilyErased event) {
        Mongo.await(mongo.updateMulti(Query.query(where("carerId").in(event.carerIds())
                        .andOperator(Erasure.stillHeld("detail"))), new Update().set("detail", Erasure.ERASED),
                DeliveryDocument.class));
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
    private void settled(String updateId, String carerId, NotificationKind kind) {
        Mongo.await(mongo.remove(Query.query(where("_id").is(key(updateId, carerId, kind, HELD_BACK))),
                DeliveryDocument.class));
    }

    private static String key(String updateId, String carerId, NotificationKind kind, String channel) {
        return updateId + ":" + carerId + ":" + kind.name() + ":" + channel;
    }

    private DeliveryDocument byNotification(String notificationId) {
        return notificationId == null ? null : Mongo.await(mongo.findOne(
                Query.query(where("notificationId").is(notificationId)), DeliveryDocument.class));
    }

    /**
     * Writes a row unless the same notification's row already stands further along: the provider's
     * report can overtake the notifier's own "sent" event, and a replay brings the events again. A row of
     * another notification under the same key is an earlier telling, replaced. One processor thread owns
     * this group, so reading then writing is safe.
     */
    private void save(DeliveryDocument row) {
        DeliveryDocument existing = byNotification(row.notificationId());
        if (existing == null) {
            existing = Mongo.await(mongo.findById(row.id(), DeliveryDocument.class));
            if (existing != null && existing.notificationId() != null
                    && !existing.notificationId().equals(row.notificationId())) {
                existing = null;
            }
        }
        DeliveryDocument written = row;
        if (existing != null && rank(existing.status()) > rank(row.status())) {
            // the provider's report got here first: keep where it stands, take the rest from this event
            written = row.moved(existing.status(), existing.detail(), existing.updatedAt());
        }
        if (existing != null && !existing.id().equals(row.id())) {
            Mongo.await(mongo.remove(Query.query(where("_id").is(existing.id())), DeliveryDocument.class));
        }
        String language = row.language() != null || existing == null ? row.language() : existing.language();
        Mongo.await(mongo.save(written.withLanguage(language)));
    }

    /** Events stored before retries existed were each one call. */
    private static int attempts(Integer attempts) {
        return attempts == null ? 1 : attempts;
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
    record DeliveryDocument(@Id String id, String notificationId, String updateId, String carerId, String channel,
                            String language, Status status, String detail, Instant updatedAt, NotificationKind kind,
                            int attempts, Instant nextAttemptAt, Integer segments, String encoding) {

        DeliveryDocument withLanguage(String known) {
            return new DeliveryDocument(id, notificationId, updateId, carerId, channel, known, status, detail,
                    updatedAt, kind, attempts, nextAttemptAt, segments, encoding);
        }

        DeliveryDocument moved(Status to, String newDetail, Instant at) {
            return new DeliveryDocument(id, notificationId, updateId, carerId, channel, language, to,
                    newDetail == null ? detail : newDetail, at, kind, attempts, null, segments, encoding);
        }

        UpdateDeliveries.Delivery toDelivery() {
            return new UpdateDeliveries.Delivery(carerId, channel, language, status, detail, updatedAt, kind, attempts,
                    nextAttemptAt, segments, encoding);
        }
    }
}
